import { describe, expect, it } from 'vitest';
import { findC3, splitClasses } from './classes.ts';
import { indexTerms, maskAddress, maskC2, maskCard, maskDate, maskIdNumber, maskName, maskPhone } from './masking.ts';

describe('masking (JR/T 0171 display rules)', () => {
  it('masks a phone as 138****5678, with or without +86 and separators', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
  it('keeps the first 3 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010119900101123X')).toBe('110***********123X');
    expect(maskIdNumber('E12345678')).toBe('E12**5678');
    expect(maskIdNumber('1234567')).toBe('*******');
  });
  it('keeps the first 6 and last 4 of a bank card', () => {
    expect(maskCard('6222021234567890123')).toBe('622202*********0123');
    expect(maskCard('6222 0212 3456 7890')).toBe('622202******7890');
  });
  it('keeps the first character of a name and adds **', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('  Li Wei')).toBe('L**');
    expect(maskName('𠀋小明')).toBe('𠀋**');
  });
  it('shows the year of a date of birth and the region part of an address only', () => {
    expect(maskDate('1990-01-02')).toBe('1990-**-**');
    expect(maskDate('1990')).toBe('1990');
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
  });
  it('masks every C2 field of a party and leaves no clear digit run of an ID', () => {
    const m = maskC2({
      names: [{ full: '王小明' }, { full: 'WANG Xiaoming', kind: 'aka' }],
      dateOfBirth: '1985-07-09',
      idDocuments: [{ type: 'resident_id', number: '310101198507091234' }],
      phones: ['13912345678'],
      bankCards: [{ number: '6222021234567890' }],
      addresses: [{ line: '上海市浦东新区世纪大道1号', country: 'CN' }],
    });
    expect(m.names.map((n) => n.full)).toEqual(['王**', 'W**']);
    expect(JSON.stringify(m)).not.toMatch(/19850709|1234567|小明|Xiaoming|世纪大道/);
  });
});

describe('classes', () => {
  it('splits C2 (encrypted) from C1 (clear) fields', () => {
    const { c1, c2 } = splitClasses({
      kind: 'person',
      names: [{ full: '张三' }],
      phones: ['13800000000'],
      nationalities: ['CN'],
      pep: false,
    });
    expect(Object.keys(c1).sort()).toEqual(['kind', 'nationalities', 'pep']);
    expect(Object.keys(c2).sort()).toEqual(['names', 'phones']);
  });
  it('finds C3 authentication data anywhere in a body, by JSON pointer', () => {
    expect(findC3({ kind: 'person', names: [{ full: 'x' }] })).toEqual([]);
    expect(findC3({ password: 'x' })).toEqual(['/password']);
    expect(findC3({ bankCards: [{ number: '6222', CVV2: '123' }] })).toEqual(['/bankCards/0/CVV2']);
    expect(findC3({ extra: { security_answer: 'blue', sms_code: '1234' } })).toEqual([
      '/extra/security_answer',
      '/extra/sms_code',
    ]);
  });
  it('normalises identifiers before blind indexing', () => {
    const terms = indexTerms({
      names: [{ full: 'x' }],
      idDocuments: [
        { type: 'id', number: '11010119900101123x' },
        { type: 'id', number: '110101 19900101 123X' },
      ],
      phones: ['+86 138 0000 0000'],
    });
    expect(terms).toEqual([
      { kind: 'id', value: '11010119900101123X' },
      { kind: 'phone', value: '13800000000' },
    ]);
  });
});
