import { group, list, many, optional, text, type Layout } from '../../core/layout.ts';

/**
 * Our reading of the goAML 5.x report schema (UNODC): element names and order of `report`, its header,
 * bi-party `transaction`s with `t_from_my_client`/`t_from` and `t_to_my_client`/`t_to`, and
 * `report_indicators`. Only the elements we write are listed (the rest of the schema is optional for
 * us); value rules are ours. See docs/reports/goaml.md.
 */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
const CCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

const person = (name: string): Layout =>
  group(name, [
    text('first_name', 100),
    text('last_name', 100),
    optional(text('id_number', 255)),
    optional(text('nationality1', 2, COUNTRY)),
  ]);

const myAccount = (name: string): Layout =>
  group(name, [
    text('institution_name', 255),
    optional(text('swift', 11, /^[A-Z0-9]{8}([A-Z0-9]{3})?$/)),
    text('account', 50),
    text('currency_code', 3, CCY),
    optional(text('account_name', 255)),
    text('client_number', 30),
    text('personal_account_type', 20),
    optional(many(group('signatory', [person('t_person')]))),
    text('status_code', 20),
  ]);

const otherAccount = (name: string): Layout =>
  group(name, [optional(text('institution_name', 255)), text('account', 50), optional(text('currency_code', 3, CCY))]);

/** `t_from_my_client` / `t_from` (and `t_to…`): funds code, one of account / person, country. */
const side = (dir: 'from' | 'to', mine: boolean): Layout =>
  optional(
    group(`t_${dir}${mine ? '_my_client' : ''}`, [
      text(`${dir}_funds_code`, 20),
      optional(text(`${dir}_funds_comment`, 255)),
      optional(mine ? myAccount(`${dir}_account`) : otherAccount(`${dir}_account`)),
      optional(person(`${dir}_person`)),
      text(`${dir}_country`, 2, COUNTRY),
    ]),
  );

export const goamlLayout: Layout = group('report', [
  text('rentity_id', 20, /^\d+$/, 'a numeric reporting entity id'),
  optional(text('rentity_branch', 255)),
  text('submission_code', 1, /^[EM]$/, 'E or M'),
  text('report_code', 20, /^[A-Z]{2,20}$/),
  optional(text('entity_reference', 255)),
  text('submission_date', 19, DATETIME, 'YYYY-MM-DDThh:mm:ss'),
  text('currency_code_local', 3, CCY),
  group('reporting_person', [
    text('first_name', 100),
    text('last_name', 100),
    optional(text('email', 255)),
    optional(text('occupation', 255)),
  ]),
  group('location', [
    text('address_type', 20),
    text('address', 100),
    text('city', 255),
    text('country_code', 2, COUNTRY),
  ]),
  optional(text('reason', 4000)),
  optional(text('action', 4000)),
  many(
    group('transaction', [
      text('transactionnumber', 50),
      optional(text('internal_ref_number', 50)),
      optional(text('transaction_description', 4000)),
      text('date_transaction', 19, DATETIME, 'YYYY-MM-DDThh:mm:ss'),
      text('transmode_code', 20),
      text('amount_local', 21, AMOUNT, 'a decimal amount'),
      side('from', true),
      side('from', false),
      side('to', true),
      side('to', false),
    ]),
  ),
  list('report_indicators', text('indicator', 25), 1, false),
]);
