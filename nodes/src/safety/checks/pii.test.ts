import { describe, expect, it } from 'vitest';
import { checkPii } from './pii.js';

const all = { types: [], custom: [] };
const types = (text: string) => checkPii(text, all).map((f) => [f.type, f.match]);

describe('checkPii', () => {
  it('finds each kind with its offsets', () => {
    const text = '我叫张三，身份证 11010519491231002X，手机 138-1234-5678，邮箱 zhang.san@example.com';
    const findings = checkPii(text, all);
    expect(findings.map((f) => f.type)).toEqual(['cn_id', 'cn_mobile', 'email']);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.match);
  });

  it.each([
    ['手机号+86 13912345678', 'cn_mobile', '+86 13912345678'],
    ['电话 010-62345678 转 8001', 'cn_landline', '010-62345678 转 8001'],
    ['座机(0755)86001234', 'cn_landline', '(0755)86001234'],
    ['卡号 6222 0212 3456 7890 128 请核对', 'bank_card', '6222 0212 3456 7890 128'],
    ['card 4111-1111-1111-1111', 'bank_card', '4111-1111-1111-1111'],
    ['server at 203.0.113.7 is down', 'ipv4', '203.0.113.7'],
    ['addr 2001:db8::8a2e:370:7334 here', 'ipv6', '2001:db8::8a2e:370:7334'],
    ['护照号 E12345678', 'passport', 'E12345678'],
    ['passport EA1234567.', 'passport', 'EA1234567'],
  ])('finds %s', (text, type, match) => {
    expect(types(text)).toContainEqual([type, match]);
  });

  it.each([
    ['订单号 202406131234567890', 'an order number'],
    ['订单 2024061312345671（通过 Luhn 但不是卡号）', 'a Luhn-valid order number'],
    ['时间戳 1718265600000', 'a millisecond timestamp'],
    ['unix 1718265600', 'a second timestamp'],
    ['2024-06-13 12:30:45 已发货', 'a date and time'],
    ['身份证 110105194912310021', 'an ID with a wrong check digit'],
    ['卡号 4111111111111112', 'a Luhn-invalid card'],
    ['版本 v1.2.3 和 10.0.0', 'version numbers'],
    ['快递单号 SF1234567890123', 'a parcel number'],
    ['手机 1381234567 少一位', 'a phone number one digit short'],
    ['ticket 12:30 at gate 5', 'a time'],
  ])('lets %s pass (%s)', (text) => {
    expect(types(text)).toEqual([]);
  });

  it('reports an ID number once, not again as a card', () => {
    expect(types('440306199001011236')).toEqual([['cn_id', '440306199001011236']]);
  });

  it('uses custom patterns and can limit the kinds', () => {
    const custom = [{ name: 'employee_no', pattern: 'EMP-\\d{6}' }];
    const findings = checkPii('工号 EMP-004211, 13812345678', { types: ['email'], custom });
    expect(findings.map((f) => [f.type, f.match])).toEqual([['employee_no', 'EMP-004211']]);
  });
});
