/**
 * The error catalogue: every error a client can see has a stable code, an HTTP status and a message in
 * en and zh-CN. `docs/errors.md` is kept in step with this table by a test.
 */
export const catalogue = {
  ZHILI_E_VALIDATION: {
    status: 400,
    en: 'The request does not match the schema.',
    zh: '请求内容不符合格式要求。',
  },
  ZHILI_E_BODY_TOO_LARGE: { status: 413, en: 'The request body is too large.', zh: '请求体过大。' },
  ZHILI_E_BAD_JSON: { status: 400, en: 'The request body is not valid JSON.', zh: '请求体不是有效的 JSON。' },
  ZHILI_E_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the body as application/json.',
    zh: '请以 application/json 格式发送请求体。',
  },
  ZHILI_E_UNKNOWN_CURRENCY: {
    status: 400,
    en: 'The currency is not an active ISO 4217 code.',
    zh: '币种不是有效的 ISO 4217 代码。',
  },
  ZHILI_E_AMOUNT_PRECISION: {
    status: 400,
    en: 'The amount has more decimal places than the currency allows.',
    zh: '金额的小数位数超过该币种允许的位数。',
  },
  ZHILI_E_AMOUNT_NEGATIVE: { status: 400, en: 'The amount must not be negative.', zh: '金额不能为负数。' },
  ZHILI_E_AMOUNT_FORMAT: {
    status: 400,
    en: 'The amount must be a decimal string such as "50000.00".',
    zh: '金额必须是十进制字符串，例如 "50000.00"。',
  },
  ZHILI_E_AMOUNT_TOO_LARGE: { status: 400, en: 'The amount is too large.', zh: '金额过大。' },
  ZHILI_E_TIMESTAMP: {
    status: 400,
    en: 'The timestamp must be RFC 3339 with a time zone offset.',
    zh: '时间必须是带时区偏移的 RFC 3339 格式。',
  },
  ZHILI_E_UNAUTHENTICATED: {
    status: 401,
    en: 'Missing or unknown credentials.',
    zh: '缺少凭证或凭证无效。',
  },
  ZHILI_E_FORBIDDEN: { status: 403, en: 'Your role does not allow this action.', zh: '您的角色无权执行此操作。' },
  ZHILI_E_OVERLOADED: {
    status: 503,
    en: 'The server is at capacity and refused this request before doing any work; retry after the Retry-After delay.',
    zh: '服务器已满负荷，此请求在处理前即被拒绝；请在 Retry-After 所示时间后重试。',
  },
  ZHILI_E_TENANT_BUSY: {
    status: 429,
    en: 'Your platform has as many events in progress as its share allows; retry after the Retry-After delay.',
    zh: '贵平台处理中的事件已达其份额上限；请在 Retry-After 所示时间后重试。',
  },
  ZHILI_E_LOGIN_LOCKED: {
    status: 429,
    en: 'Too many failed logins: this account or address is locked for a while. Try again later.',
    zh: '登录失败次数过多，该账户或地址已被暂时锁定，请稍后再试。',
  },
  ZHILI_E_NOT_FOUND: { status: 404, en: 'Not found.', zh: '未找到。' },
  ZHILI_E_ROUTE_NOT_FOUND: { status: 404, en: 'No such endpoint.', zh: '接口不存在。' },
  ZHILI_E_METHOD_NOT_ALLOWED: { status: 405, en: 'Method not allowed.', zh: '不支持该请求方法。' },
  ZHILI_E_IDEMPOTENCY_CONFLICT: {
    status: 409,
    en: 'An event with this id was already received with a different body.',
    zh: '该事件编号已使用不同的内容提交过。',
  },
  ZHILI_E_CONFLICT: { status: 409, en: 'The resource already exists.', zh: '资源已存在。' },
  ZHILI_E_BATCH_TOO_LARGE: {
    status: 400,
    en: 'A batch holds at most 1,000 events.',
    zh: '一个批次最多包含 1,000 个事件。',
  },
  ZHILI_E_RULESET_INVALID: {
    status: 422,
    en: 'The rule set does not compile.',
    zh: '规则集编译失败。',
  },
  ZHILI_E_RULE_RUNTIME: {
    status: 500,
    en: 'A rule failed while it ran; the event was sent to review.',
    zh: '规则运行出错，事件已转人工审核。',
  },
  ZHILI_E_ISO_PENDING_FULL: {
    status: 429,
    en: 'Too many ISO 20022 messages of this tenant are waiting for their status; send the pacs.002 statuses first.',
    zh: '该租户等待状态的 ISO 20022 报文过多，请先发送 pacs.002 状态报文。',
  },
  ZHILI_E_NOT_READY: {
    status: 503,
    en: 'The service is starting or recovering; retry shortly.',
    zh: '服务正在启动或恢复，请稍后重试。',
  },
  ZHILI_E_PARTITION_UNAVAILABLE: {
    status: 503,
    en: 'The node deciding for this customer is changing (failover in progress); nothing was recorded. Retry shortly.',
    zh: '负责该客户决策的节点正在切换（故障转移中），未记录任何内容，请稍后重试。',
  },
  ZHILI_E_STORE_UNAVAILABLE: {
    status: 503,
    en: 'The event could not be stored durably; nothing was recorded. Retry.',
    zh: '事件未能持久化保存，未记录任何内容，请重试。',
  },
  ZHILI_E_CASE_TRANSITION: {
    status: 409,
    en: 'The case or report cannot take this action in its current state.',
    zh: '案件或报告在当前状态下不能执行该操作。',
  },
  ZHILI_E_FOUR_EYES: {
    status: 403,
    en: 'This needs a second operator with the approver role, not the requester.',
    zh: '此操作须由申请人以外、具有审批角色的第二名操作员完成。',
  },
  ZHILI_E_CASE_PENDING_APPROVAL: {
    status: 409,
    en: 'The case is waiting for a closure approval.',
    zh: '案件正在等待结案审批。',
  },
  ZHILI_E_STALE_WRITE: {
    status: 409,
    en: 'Someone else changed this at the same time; reload and retry.',
    zh: '该记录已被他人同时修改，请刷新后重试。',
  },
  ZHILI_E_REPORT_INVALID: {
    status: 422,
    en: 'The generated report does not match the published layout.',
    zh: '生成的报告不符合报文格式规范。',
  },
  ZHILI_E_REPORT_PROFILE_MISSING: {
    status: 422,
    en: 'No reporting institution profile is configured.',
    zh: '未配置报送机构信息。',
  },
  ZHILI_E_REPORT_INCOMPLETE: {
    status: 422,
    en: 'The report lacks mandatory fields and cannot be approved; the draft lists them.',
    zh: '报告缺少必填项，不能批准；草稿中列出了缺失的字段。',
  },
  ZHILI_E_PERSONAL_DATA_ERASED: {
    status: 410,
    en: 'The personal data this needs was erased at the data subject’s request; it cannot be read or filed.',
    zh: '所需个人信息已应信息主体请求删除，无法读取或报送。',
  },
  ZHILI_E_RULESET_TRANSITION: {
    status: 409,
    en: 'The rule set version cannot take this action in its current status.',
    zh: '规则集版本在当前状态下不能执行该操作。',
  },
  ZHILI_E_BACKTEST_TOO_LARGE: {
    status: 422,
    en: 'The backtest data is too large; narrow the time range or send fewer events.',
    zh: '回测数据量过大，请缩小时间范围或减少事件数量。',
  },
  ZHILI_E_PII_C3: {
    status: 400,
    en: 'Authentication data (JR/T 0171 class C3) is never accepted.',
    zh: '不接受鉴别信息（JR/T 0171 C3 类）。',
  },
  ZHILI_E_PII_ERASED: {
    status: 410,
    en: 'This personal data was erased (its key is destroyed).',
    zh: '该个人信息已被删除（密钥已销毁），无法读取。',
  },
  ZHILI_E_SCREENING_NO_LISTS: {
    status: 409,
    en: 'No sanctions list is loaded, so nothing can be screened; run `zhili lists fetch` or configure ZHILI_SCREENING_LISTS.',
    zh: '未加载任何制裁名单，无法筛查；请运行 `zhili lists fetch` 或配置 ZHILI_SCREENING_LISTS。',
  },
  ZHILI_E_LIST_FETCH: {
    status: 502,
    en: 'A list could not be downloaded or did not pass its checks; nothing was stored.',
    zh: '名单下载失败或未通过校验，未保存任何内容。',
  },
  ZHILI_E_COMPLAINT_TRANSITION: {
    status: 409,
    en: 'The complaint cannot take this action in its current state.',
    zh: '投诉在当前状态下不能执行该操作。',
  },
  ZHILI_E_DSR_TRANSITION: {
    status: 409,
    en: 'The data-subject request cannot take this step in its current state.',
    zh: '个人信息权利请求在当前状态下不能执行该步骤。',
  },
  ZHILI_E_DSR_EXPORT_FIRST: {
    status: 409,
    en: 'An access or copy request is fulfilled only after its export was produced.',
    zh: '查阅、复制请求须先生成个人信息副本，方可办结。',
  },
  ZHILI_E_INCIDENT_TRANSITION: {
    status: 409,
    en: 'The incident cannot take this step in its current state.',
    zh: '事件在当前状态下不能执行该步骤。',
  },
  ZHILI_E_INCIDENT_REPORT: {
    status: 409,
    en: 'An incident is closed only with a post-incident report approved by a second operator.',
    zh: '事件须有经第二名操作员审批的总结报告方可关闭。',
  },
  ZHILI_E_COMPLAINT_NOTICE: {
    status: 400,
    en: 'Extending beyond the complex-case period needs notice to the consumer (consumerNotified: true).',
    zh: '超出复杂投诉期限的延期须告知投诉人（consumerNotified: true）。',
  },
  ZHILI_E_COMPLAINT_CODE: {
    status: 400,
    en: "The code is not in the tenant's complaint classification table.",
    zh: '该编码不在本租户的投诉分类编码表中。',
  },
  ZHILI_E_RESERVE_INSUFFICIENT: {
    status: 409,
    en: 'The risk reserve does not hold enough in this currency for the payout.',
    zh: '风险准备金中该币种余额不足以支付。',
  },
  ZHILI_E_SUITABILITY_ASSESSMENT: {
    status: 409,
    en: 'The customer has no current risk assessment (none, or expired): assess them first.',
    zh: '客户没有有效的风险承受能力评估（未评估或已过期），请先进行评估。',
  },
  ZHILI_E_SUITABILITY_REFUSED: {
    status: 409,
    en: "The product is above the customer's category and this category may not buy it, acknowledgement or not.",
    zh: '该产品风险等级高于客户类别，且该类别不得购买，即使确认风险警示也不可以。',
  },
  ZHILI_E_SUITABILITY_WARNING: {
    status: 409,
    en: 'The risk warning acknowledged is not the one in force (warningHash differs); show the current warning again.',
    zh: '所确认的风险警示与现行警示不一致（warningHash 不同），请重新展示现行警示。',
  },
  ZHILI_E_REQUEST_EXPIRED: {
    status: 400,
    en: "The request's issuedAt is outside the accepted window (five minutes either way); send a fresh request.",
    zh: '请求的 issuedAt 超出可接受的时间窗口（前后五分钟），请重新发起请求。',
  },
  ZHILI_E_REPLAYED: {
    status: 409,
    en: 'This request id was used before: a replayed request is refused.',
    zh: '该请求编号已使用过：重放的请求被拒绝。',
  },
  ZHILI_E_LENDING_QUOTA: {
    status: 429,
    en: 'Your platform has used its quota of identity evaluations for now; retry after the Retry-After delay.',
    zh: '贵平台本时段的身份评估额度已用完；请在 Retry-After 所示时间后重试。',
  },
  ZHILI_E_ID_NUMBER: {
    status: 400,
    en: 'Not a valid resident identity number (18 characters with a valid birth date and check digit).',
    zh: '不是有效的居民身份证号（18 位，出生日期和校验码须有效）。',
  },
  ZHILI_E_LENDING_UNAVAILABLE: {
    status: 503,
    en: "The multi-lending check could not be completed (service unreachable, request refused, or the key holder's proof did not verify).",
    zh: '多头借贷查询未能完成（服务不可达、请求被拒绝，或密钥持有方的证明未通过验证）。',
  },
  ZHILI_E_PLATFORM_STANDING: {
    status: 403,
    en: "The platform's licence status does not allow this: only a licensed or restricted platform checks applicants for new loans; one applying, suspended or winding down may report its loans but not check applicants.",
    zh: '平台的许可状态不允许此操作：仅持牌或受限经营的平台可为新贷款查询申请人；申请中、已暂停或正在有序退出的平台可报送其贷款，但不得为新贷款查询申请人。',
  },
  ZHILI_E_HUB_UNAVAILABLE: {
    status: 503,
    en: 'The supervision hub could not be reached or refused the filings; they are sent again with the next sync.',
    zh: '监管枢纽不可达或拒绝了本次报送；下次同步时将重新报送。',
  },
  ZHILI_E_HUB_SIGNATURE: {
    status: 401,
    en: 'The request to the supervision hub is not signed by a registered platform key, is outside the replay window or was replayed.',
    zh: '发往监管枢纽的请求未经已登记的平台密钥签名、超出重放时间窗或属于重放请求。',
  },
  ZHILI_E_PLATFORM_TRANSITION: {
    status: 409,
    en: 'The platform cannot move to that status from its current one.',
    zh: '平台无法从当前状态变更为该状态。',
  },
  ZHILI_E_PLATFORM_EXITED: {
    status: 403,
    en: 'The platform has exited the market: the supervision hub accepts no more checkpoints, filings or loans from it.',
    zh: '该平台已退出市场：监管枢纽不再接收其检查点、报送或借款登记。',
  },
  ZHILI_E_WITNESS_UNKNOWN_LOG: {
    status: 404,
    en: 'The witness knows no platform ledger with this checkpoint origin.',
    zh: '见证方没有登记该检查点来源（origin）的平台账本。',
  },
  ZHILI_E_ALERT_STATE: {
    status: 409,
    en: 'The hub alert cannot take this action in its current state.',
    zh: '该监管告警在当前状态下不能执行此操作。',
  },
  ZHILI_E_WITNESS_UNKNOWN_KEY: {
    status: 403,
    en: "The checkpoint is not signed by one of the platform's registered ledger keys.",
    zh: '检查点未由该平台已登记的账本密钥签名。',
  },
  ZHILI_E_WITNESS_BAD_REQUEST: {
    status: 400,
    en: 'The add-checkpoint request is malformed.',
    zh: 'add-checkpoint 请求格式错误。',
  },
  ZHILI_E_WITNESS_BAD_PROOF: {
    status: 422,
    en: 'The consistency proof does not show the checkpoint extends the one the witness accepted last.',
    zh: '一致性证明未能证明该检查点是见证方上次接受的检查点的延续。',
  },
  ZHILI_E_DISCLOSURE_TRANSITION: {
    status: 409,
    en: 'The disclosure cannot take this action in its current state.',
    zh: '披露版本在当前状态下不能执行该操作。',
  },
  ZHILI_E_DISCLOSURE_PENDING: {
    status: 409,
    en: 'A version of this period is already being prepared; publish or discard it first.',
    zh: '该期间已有正在准备的披露版本，请先发布或作废。',
  },
  ZHILI_E_DISCLOSURE_PUBLISHED: {
    status: 409,
    en: 'A published disclosure is never changed; publish a correction as a new version.',
    zh: '已发布的披露不可修改；如需更正，请发布新版本。',
  },
  ZHILI_E_DISCLOSURE_PERIOD: {
    status: 422,
    en: "The period must be a month (YYYY-MM) that has ended in the tenant's time zone.",
    zh: '统计期须为租户时区内已结束的月份（YYYY-MM）。',
  },
  ZHILI_E_DISCLOSURE_REASON: {
    status: 400,
    en: 'A correction of a published period needs a reason.',
    zh: '更正已发布期间的披露须填写原因。',
  },
  ZHILI_E_DATA_DIR_LOCKED: {
    status: 409,
    en: 'Another Zhili server is already running on this data directory; stop it first or use another data directory.',
    zh: '另一个 Zhili 服务正在使用该数据目录；请先停止它，或改用其他数据目录。',
  },
  ZHILI_E_INTERNAL: { status: 500, en: 'Internal error.', zh: '内部错误。' },
} as const satisfies Record<string, { status: number; en: string; zh: string }>;

export type ErrorCode = keyof typeof catalogue;

export interface ErrorDetail {
  /** JSON pointer (RFC 6901) of the offending field, '' for the whole body. */
  pointer: string;
  message: string;
  messageZh: string;
}

export class ZhiliError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly pointer: string | undefined;
  readonly messageZh: string;
  readonly details: ErrorDetail[];
  /** For refusals under load or lockout: the Retry-After header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    opts: {
      pointer?: string;
      message?: string;
      messageZh?: string;
      details?: ErrorDetail[];
      cause?: unknown;
      retryAfterSeconds?: number;
    } = {},
  ) {
    const entry = catalogue[code];
    super(opts.message ?? entry.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ZhiliError';
    this.code = code;
    this.status = entry.status;
    this.pointer = opts.pointer;
    this.messageZh = opts.messageZh ?? entry.zh;
    this.details = opts.details ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageZh: this.messageZh,
        ...(this.pointer === undefined ? {} : { pointer: this.pointer }),
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; messageZh: string; pointer?: string; details?: ErrorDetail[] };
}

export function isZhiliError(e: unknown): e is ZhiliError {
  return e instanceof ZhiliError;
}
