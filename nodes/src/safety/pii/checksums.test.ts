import { describe, expect, it } from 'vitest';
import { hasCardPrefix, isValidChineseId, passesLuhn } from './checksums.js';

describe('Chinese resident ID (GB 11643)', () => {
  it.each([
    '11010519491231002X',
    '11010519491231002x',
    '440306199001011236',
    '310115198512123215',
    '510107200002294564',
  ])('accepts the checksum-valid %s', (id) => expect(isValidChineseId(id)).toBe(true));

  it.each([
    ['110105194912310021', 'wrong check digit'],
    ['440306199001011235', 'wrong check digit'],
    ['990306199001011236', 'unknown province'],
    ['510107200102294564', 'no 29 February in 2001'],
    ['4403061990010112', 'too short'],
  ])('rejects %s (%s)', (id) => expect(isValidChineseId(id)).toBe(false));
});

describe('bank cards', () => {
  it.each(['4111111111111111', '6222021234567890128', '6228480012345671', '5432109876543212', '378282246310005'])(
    'accepts the Luhn-valid %s',
    (card) => expect(passesLuhn(card) && hasCardPrefix(card)).toBe(true),
  );

  it.each(['4111111111111112', '6222021234567890127', '5432109876543213'])('rejects the Luhn-invalid %s', (card) =>
    expect(passesLuhn(card)).toBe(false),
  );

  it('does not take a date-based order number for a card even when it passes Luhn', () => {
    expect(passesLuhn('2024061312345671')).toBe(true);
    expect(hasCardPrefix('2024061312345671')).toBe(false);
  });
});
