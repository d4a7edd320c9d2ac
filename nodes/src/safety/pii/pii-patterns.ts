import ipaddr from 'ipaddr.js';
import { hasCardPrefix, isValidChineseId, passesLuhn } from './checksums.js';

/** One kind of personal data: a regex that finds candidates and a check that confirms them. */
export interface PiiPattern {
  type: string;
  regex: RegExp;
  confirm?: (match: string) => boolean;
  /** How a masked value looks, keeping what helps a reader (last digits, domain). */
  mask: (match: string) => string;
}

const NOT_DIGIT_BEFORE = '(?<![0-9A-Za-z])';
const NOT_DIGIT_AFTER = '(?![0-9A-Za-z])';
const digitsOf = (text: string) => text.replace(/\D/g, '');
const stars = (count: number) => '*'.repeat(Math.max(count, 0));

function keepEdges(text: string, head: number, tail: number): string {
  if (text.length <= head + tail) return stars(text.length);
  return text.slice(0, head) + stars(text.length - head - tail) + text.slice(text.length - tail);
}

export const PII_PATTERNS: readonly PiiPattern[] = [
  {
    type: 'cn_id',
    regex: new RegExp(`${NOT_DIGIT_BEFORE}\\d{17}[\\dXx]${NOT_DIGIT_AFTER}`, 'g'),
    confirm: isValidChineseId,
    mask: (id) => keepEdges(id, 6, 4),
  },
  {
    type: 'bank_card',
    regex: new RegExp(`${NOT_DIGIT_BEFORE}(?:\\d{4}[ -]?){2,3}\\d{4}(?:[ -]?\\d{1,3})?${NOT_DIGIT_AFTER}`, 'g'),
    confirm: (text) => {
      const digits = digitsOf(text);
      return digits.length >= 13 && digits.length <= 19 && hasCardPrefix(digits) && passesLuhn(digits);
    },
    mask: (card) => `${stars(4)} ${digitsOf(card).slice(-4)}`,
  },
  {
    type: 'cn_mobile',
    regex: new RegExp(`${NOT_DIGIT_BEFORE}(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${NOT_DIGIT_AFTER}`, 'g'),
    mask: (phone) => keepEdges(phone, phone.length - 8, 4),
  },
  {
    type: 'cn_landline',
    regex: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:(?:\\+86[ -]?)?\\(0?\\d{2,3}\\)[ -]?|(?:\\+86[ -]?\\d{2,3}|0\\d{2,3})[ -])\\d{7,8}(?:[ -]?(?:转|ext\\.?|x)[ -]?\\d{1,5})?${NOT_DIGIT_AFTER}`,
      'g',
    ),
    mask: (phone) => keepEdges(phone, 0, 4),
  },
  {
    type: 'email',
    regex: /(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])/g,
    mask: (email) => {
      const at = email.indexOf('@');
      return `${email[0] ?? ''}${stars(Math.max(at - 1, 2))}${email.slice(at)}`;
    },
  },
  {
    type: 'ipv4',
    regex: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/g,
    mask: (ip) => `${ip.split('.').slice(0, 2).join('.')}.*.*`,
  },
  {
    type: 'ipv6',
    regex: /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g,
    confirm: (text) =>
      text.replace(/[^:]/g, '').length >= 2 &&
      /[0-9a-f]/i.test(text) &&
      ipaddr.IPv6.isValid(text) &&
      !/^\d{1,2}:\d{2}(:\d{2})?$/.test(text),
    mask: (ip) => `${ip.split(':').slice(0, 2).join(':')}:…`,
  },
  {
    type: 'passport',
    regex: /(?<![A-Za-z0-9])(?:E[A-HJ-NP-Z0-9]\d{7}|[GDSP]\d{8})(?![A-Za-z0-9])/g,
    mask: (passport) => keepEdges(passport, 1, 2),
  },
];

export const PII_TYPES = PII_PATTERNS.map((pattern) => pattern.type);
