import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TailorError } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { decodeText, parseDocument } from './parse-document.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/knowledge/${name}`, import.meta.url)));
const parse = (name: string) => parseDocument(name, fixture(name));

describe('parseDocument', { timeout: 30_000 }, () => {
  it('reads plain text as paragraphs', async () => {
    const doc = await parse('shipping.txt');
    expect(doc.format).toBe('text');
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'Shipping guide',
      'Orders placed before 3 pm are shipped the same day. Orders placed later are shipped the next working day.',
      'International shipping takes 7 to 14 days. Customs duties are paid by the recipient.\nExpress delivery is available in major cities for an extra fee.',
    ]);
  });

  it('reads Markdown headings into heading paths and keeps table rows', async () => {
    const doc = await parse('refund-policy.md');
    expect(doc.metadata.title).toBe('退款与退货政策');
    const rows = doc.blocks.filter((b) => b.kind === 'table-row');
    expect(rows.map((r) => r.text)).toContain('支付方式: 银行卡 | 到账时间: 3-7 个工作日');
    expect(rows[0]?.headingPath).toEqual(['退款与退货政策', '退款时效']);
    expect(doc.blocks.at(-1)?.headingPath).toEqual(['退款与退货政策', '退款时效', '运费说明']);
  });

  it('reads HTML without scripts, styles or navigation, with lists and table rows', async () => {
    const doc = await parse('handbook.html');
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(text).not.toContain('do not index');
    expect(text).not.toContain('color: red');
    expect(text).not.toContain('Home');
    expect(doc.metadata.title).toBe('Support Handbook');
    expect(doc.blocks.filter((b) => b.kind === 'list-item')).toHaveLength(2);
    expect(doc.blocks.find((b) => b.kind === 'table-row')).toMatchObject({
      text: 'Priority: Urgent | First reply: 30 minutes',
      headingPath: ['Support Handbook', 'Escalation', 'Response targets'],
    });
    expect(doc.blocks.find((b) => b.text.includes('Weekend'))?.text).toBe(
      'The help desk is open Monday to Friday, from 9:00 to 18:00 Beijing time.\nWeekend tickets are answered on Monday.',
    );
  });

  it('reads the text layer of a PDF page by page', async () => {
    const doc = await parse('manual.pdf');
    expect(doc.metadata).toEqual({ title: 'Router X200 Manual', pages: 2 });
    expect(doc.blocks[0]?.text).toContain('hold the reset button for ten seconds');
    expect(doc.blocks.at(-1)).toMatchObject({ metadata: { page: 2 } });
    expect(doc.blocks.at(-1)?.text).toContain('firmware update failed');
  });

  it('reads DOCX headings, runs and tables (first row as header)', async () => {
    const doc = await parse('warranty.docx');
    expect(doc.blocks[0]).toMatchObject({
      text: 'Every device comes with a two-year warranty.',
      headingPath: ['Warranty terms'],
    });
    expect(doc.blocks.filter((b) => b.kind === 'table-row').map((b) => b.text)).toEqual([
      'Part: Battery | Coverage: 18 months',
      'Part: Screen | Coverage: 24 months',
    ]);
    expect(doc.blocks.at(-1)).toMatchObject({ headingPath: ['Warranty terms', '保修说明'] });
  });

  it('reads CSV rows as records with typed fields as metadata', async () => {
    const doc = await parse('products.csv');
    expect(doc.blocks).toHaveLength(5);
    expect(doc.blocks[4]).toMatchObject({
      kind: 'record',
      metadata: { sku: 'C500', name: 'USB-C Hub, 7 ports', price: 199, in_stock: true, row: 5 },
    });
    expect(doc.blocks[0]?.text).toBe(
      'sku: A100\nname: Wireless Mouse\ncategory: accessories\nprice: 99\nin_stock: true',
    );
  });

  it('reads JSON records from the one array inside an object, and JSON Lines', async () => {
    const doc = await parse('faq.json');
    expect(doc.blocks.map((b) => b.metadata?.topic)).toEqual(['account', 'orders', 'billing']);
    const lines = await parseDocument('x.jsonl', Buffer.from('{"a":1,"b":{"c":"d"}}\n{"a":2}\n'));
    expect(lines.blocks.map((b) => b.metadata)).toEqual([
      { a: 1, 'b.c': 'd', row: 1 },
      { a: 2, row: 2 },
    ]);
  });

  it('decodes UTF-8 with a BOM and GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeText(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))).toBe('你好');
  });

  it.each([
    ['broken.pdf', Buffer.from('%PDF-1.4 garbage'), /not a valid PDF|could not be read/],
    ['broken.docx', Buffer.from('not a zip'), /not a valid \.docx/],
    ['bad.json', Buffer.from('{ "a": '), /not valid JSON/],
    ['slides.pptx', Buffer.from('x'), /export them as PDF/],
    ['image.png', Buffer.from('x'), /unsupported format "\.png"/],
    ['empty.txt', Buffer.from('   \n\n '), /holds no text/],
  ])('rejects %s with the reason', async (name, bytes, reason) => {
    const error = await parseDocument(name, bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TailorError);
    expect((error as TailorError).code).toBe('KNOWLEDGE_PARSE_FAILED');
    expect((error as TailorError).message).toContain(name);
    expect((error as TailorError).message).toMatch(reason);
  });
});
