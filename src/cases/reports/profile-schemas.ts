import { Type, type Static } from '@sinclair/typebox';

/**
 * The reporting profiles' schemas: the runtime validates the configured profiles against them at
 * start, so a bad profile stops the process with the variable named instead of failing a draft later.
 */
const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });

export const PbocProfileSchema = Type.Object(
  {
    institutionCode: Type.String({ pattern: '^[0-9A-Z]{14}$', description: '报告机构编码, 14 characters' }),
    industry: Type.Union([Type.Literal('B'), Type.Literal('S'), Type.Literal('I')]),
    branchCode: Text(64),
    areaCode: Type.Optional(Type.String({ pattern: '^[A-Z]{3}\\d{6}$' })),
    transactionTypeCodes: Type.Optional(Type.Record(Type.String(), Type.String({ pattern: '^\\d{6}$' }))),
    accountTypeCode: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })),
    reporterName: Type.Optional(Text(64)),
  },
  { additionalProperties: false },
);

export const GoamlProfileSchema = Type.Object(
  {
    rentityId: Type.String({ pattern: '^\\d+$' }),
    rentityBranch: Type.Optional(Text()),
    submissionCode: Type.Optional(Type.Union([Type.Literal('E'), Type.Literal('M')])),
    currencyCodeLocal: Type.String({ pattern: '^[A-Z]{3}$' }),
    reportCodes: Type.Object({ str: Text(20), ctr: Text(20) }),
    reportingPerson: Type.Object({
      firstName: Text(100),
      lastName: Text(100),
      email: Type.Optional(Text(255)),
      occupation: Type.Optional(Text(255)),
    }),
    location: Type.Object({ addressType: Text(10), address: Text(100), city: Text(255), countryCode: Country }),
    institutionName: Text(255),
    swift: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' })),
    transmodeCodes: Type.Record(Type.String(), Text(20)),
    defaultTransmode: Text(20),
    fundsCodes: Type.Object({ cash: Text(20), account: Text(20) }),
    indicators: Type.Array(Text(50), { minItems: 1 }),
    personalAccountType: Text(20),
    accountStatusCode: Text(20),
    dueWorkingDays: Type.Optional(
      Type.Object({
        str: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
        ctr: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
      }),
    ),
  },
  { additionalProperties: false },
);

const FincenAddress = Type.Object({
  street: Text(100),
  city: Text(50),
  state: Type.String({ maxLength: 3 }),
  zip: Type.String({ maxLength: 9 }),
  country: Country,
});
export const FincenProfileSchema = Type.Object(
  {
    transmitter: Type.Object({
      name: Text(150),
      tin: Type.String({ pattern: '^\\d{9}$' }),
      tcc: Type.String({ pattern: '^[A-Z0-9]{8}$' }),
      address: FincenAddress,
      phone: Type.String({ pattern: '^\\d{10,16}$' }),
    }),
    transmitterContact: Text(150),
    filer: Type.Object({
      name: Text(150),
      ein: Type.String({ pattern: '^\\d{9}$' }),
      regulatorCode: Text(3),
      institutionTypeCode: Text(3),
      address: FincenAddress,
    }),
    contactOffice: Type.Object({ name: Text(150), phone: Type.String({ pattern: '^\\d{10,16}$' }) }),
  },
  { additionalProperties: false },
);

export type PbocProfileConfig = Static<typeof PbocProfileSchema>;
