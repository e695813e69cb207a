import { group, list, optional, text, type Layout } from '../../core/layout.ts';

/**
 * Our reading of the PBOC / CAMLMAC 2017 interface layouts (金融机构大额交易和可疑交易报告数据报送接口规范,
 * 2017): element names, order and nesting as published; value rules are our own conservative reading
 * (see docs/reports/pboc.md). `@N` = information unobtainable, `@I` = not applicable.
 */
const na = (re: string): RegExp => new RegExp(`^(?:${re}|@N|@I)$`);
const DATE = /^\d{8}$/;
const DATETIME = /^\d{14}$/;
const AMOUNT = /^\d{1,18}\.\d{2}$/;

export const RICD = text('RICD', 14, /^[0-9A-Z]{14}$/, 'a 14-character institution code');

/** TSDT: one transaction (shared by HVTR and CHTR). */
export const transactionParts: Layout[] = [
  group('RINI', [text('FINC', 64), text('RLFC', 2, na('\\d{2}'))]),
  group('ATIF', [
    text('CATP', 6, na('\\d{2,6}')),
    text('CTAC', 64),
    text('OATM', 14, na('\\d{14}')),
    text('CBCT', 6, na('\\d{2,6}')),
    text('OCBT', 64),
    text('CBCN', 64),
  ]),
  group('TBIF', [
    text('TBNM', 128),
    text('TBIT', 6, na('\\d{6}')),
    text('OITP', 128),
    text('TBID', 128),
    text('TBNT', 3, na('[A-Z]{3}')),
  ]),
  group('TSIF', [
    text('TSTM', 14, DATETIME, 'YYYYMMDDhhmmss'),
    text('TRCD', 9, na('[A-Z]{3}\\d{6}|[A-Z]{3}000000')),
    text('TICD', 256),
    text('RPMT', 6, na('\\d{2,6}')),
    text('RPMN', 500),
    text('TSTP', 6, na('\\d{6}')),
    text('OCTT', 128),
    text('OOCT', 128),
    text('OCEC', 64),
    text('BPTC', 128),
    text('TSCT', 6, na('\\d{6}')),
    text('TSDR', 2, /^0[12]$/, '01 (received) or 02 (paid)'),
    text('CRPP', 256),
    text('CRTP', 3, /^[A-Z]{3}$/, 'an ISO 4217 code'),
    text('CRAT', 21, AMOUNT, 'an amount with two decimals'),
    text('CRMB', 21, na('\\d{1,18}\\.\\d{2}')),
    text('CUSD', 21, na('\\d{1,18}\\.\\d{2}')),
  ]),
  group('TCIF', [
    text('CFIN', 128),
    text('CFCT', 6, na('\\d{2,6}')),
    text('CFIC', 64),
    text('CFRC', 9, na('[A-Z]{3}\\d{6}')),
    text('TCNM', 128),
    text('TCIT', 6, na('\\d{6}')),
    text('OITP', 128),
    text('TCID', 128),
    text('TCAT', 6, na('\\d{2,6}')),
    text('TCAC', 64),
  ]),
  optional(list('ROTFs', text('ROTF', 500), 0)),
];

/** Large-value transaction report, message type N (root HVTR). */
export const hvtrLayout: Layout = group('HVTR', [
  group('RBIF', [RICD, text('CTTN', 8, /^[1-9]\d{0,7}$/)]),
  list(
    'CATIs',
    group('CATI', [
      group('CBIF', [
        text('CSNM', 32),
        list('CTNTs', text('CTNT', 3, na('[A-Z]{3}'))),
        text('CTVC', 6, na('[0-9A-Z]{1,6}')),
        group('CCIF', [
          list('CCTLs', text('CCTL', 64)),
          list('CATRs', text('CTAR', 256)),
          list('CCEIs', text('CCEI', 256)),
        ]),
      ]),
      text('HTDT', 8, DATE, 'YYYYMMDD'),
      list(
        'HTCRs',
        group('HTCR', [
          text('CRCD', 4, /^05\d{2}$/, 'a large-value feature code (05xx)'),
          text('TTNM', 8, /^[1-9]\d{0,7}$/),
          list(
            'CCIFs',
            group('CCIF', [
              text('CTNM', 128),
              text('CITP', 6, na('\\d{6}')),
              text('OITP', 128),
              text('CTID', 128),
              list('TSDTs', group('TSDT', transactionParts)),
            ]),
          ),
        ]),
      ),
    ]),
  ),
]);

/** Large-value deletion, message type D (root DHTR). */
export const dhtrLayout: Layout = group('DHTR', [
  group('RBIF', [RICD, text('DTTN', 8, /^[1-9]\d{0,7}$/)]),
  list(
    'DTDTs',
    group('DTDT', [
      text('CSNM', 32),
      text('HTDT', 8, DATE, 'YYYYMMDD'),
      text('CRCD', 4, /^05\d{2}$/),
      text('TICD', 256),
    ]),
  ),
]);

/** Suspicious-transaction characteristic (STCR) / crime type (TOSC) codes: *ours*, 4–6 digits. */
const CODE = na('\\d{4,6}');

/** Suspicious transaction report, message type N (root BSTR): report info, subjects, transactions. */
export const bstrLayout: Layout = group('BSTR', [
  group('RBIF', [
    RICD,
    text('RPNC', 6, na('\\d{6}')),
    text('DETR', 2, /^0[12]$/, '01 (normal) or 02 (urgent)'),
    text('TORP', 8, /^[1-9]\d{0,7}$/),
    text('DORP', 2, /^0[1-9]$/),
    text('ODRP', 128),
    text('TPTR', 2, /^0[1-9]$/),
    text('OTPR', 128),
    text('STCB', 4000),
    text('AOSP', 4000),
    list('STCRs', text('STCR', 6, CODE)),
    text('TOSC', 6, CODE),
    text('MIRS', 4000),
    text('STNM', 8, /^[1-9]\d{0,7}$/),
    text('TTNM', 8, /^[1-9]\d{0,7}$/),
    text('RPNM', 128),
  ]),
  list(
    'CTIFs',
    group('CTIF', [
      text('CTNM', 128),
      text('CITP', 6, na('\\d{6}')),
      text('OITP', 128),
      text('CTID', 128),
      text('CSNM', 32),
      list('CTNTs', text('CTNT', 3, na('[A-Z]{3}'))),
      text('CTVC', 6, na('[0-9A-Z]{1,6}')),
      group('CCIF', [
        list('CCTLs', text('CCTL', 64)),
        list('CATRs', text('CTAR', 256)),
        list('CCEIs', text('CCEI', 256)),
      ]),
    ]),
  ),
  list(
    'STIFs',
    group('STIF', [
      text('CSNM', 32),
      text('CTNM', 128),
      text('CITP', 6, na('\\d{6}')),
      text('CTID', 128),
      ...transactionParts,
    ]),
  ),
]);
