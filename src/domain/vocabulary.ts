/** The fixed vocabularies of SPEC §2–§3, shared by the API, the store and the web app. */

export const SUBJECT_KINDS = ['location', 'product', 'service', 'division', 'employee', 'other'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const DIRECTIONS = ['in', 'out', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const ATTENTION_SPANS = ['short', 'long'] as const;
export const LIFETIMES = ['one_time', 'recurring'] as const;
export const TOUCHPOINT_STATUSES = ['planned', 'active', 'retired'] as const;

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['ingest', 'read', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const LINK_ROLES = ['initial', 'middle', 'final'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const STANDARD_METRICS = [
  'response_ms',
  'wait_ms',
  'duration_ms',
  'csat',
  'nps',
  'ces',
  'negative_share',
  'prop',
  // Measured in the catalog: the complaint register and imported reviews (SPEC §6).
  'complaint_first_response_ms',
  'complaint_resolution_ms',
  'review_reply_ms',
] as const;
export const COMPARATORS = ['lte', 'gte'] as const;

/** The default journey stages from the source material, in order. */
export const DEFAULT_STAGES = [
  { key: 'need_recognition', name: 'Need recognition' },
  { key: 'information_search', name: 'Information search' },
  { key: 'comparison', name: 'Comparison of options' },
  { key: 'purchase', name: 'Purchase' },
  { key: 'post_purchase', name: 'Post-purchase reaction' },
] as const;
export const DEFAULT_STAGE_KEYS = DEFAULT_STAGES.map((s) => s.key);

export const LANE_KINDS = [
  'touchpoints',
  'actions',
  'thoughts',
  'feelings',
  'pain_points',
  'opportunities',
  'frontstage',
  'backstage',
  'support',
  'images',
  'channels',
  'kpis',
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

/** Lanes of a new journey map when none are given. */
export const DEFAULT_LANES = [
  { key: 'touchpoints', name: 'Touchpoints', kind: 'touchpoints' },
  { key: 'actions', name: 'Customer actions', kind: 'actions' },
  { key: 'thoughts', name: 'Thoughts', kind: 'thoughts' },
  { key: 'feelings', name: 'Feelings', kind: 'feelings' },
  { key: 'pain_points', name: 'Pain points', kind: 'pain_points' },
  { key: 'opportunities', name: 'Opportunities', kind: 'opportunities' },
  { key: 'frontstage', name: 'Frontstage', kind: 'frontstage' },
  { key: 'backstage', name: 'Backstage', kind: 'backstage' },
] as const;

/** The reference channel list of SPEC §3, seeded into every new workspace. */
export const DEFAULT_CHANNELS = [
  { key: 'website', name: 'Website', online: true },
  { key: 'email', name: 'E-mail', online: true },
  { key: 'phone', name: 'Phone / call centre', online: false },
  { key: 'chat', name: 'Chat', online: true },
  { key: 'messenger', name: 'Messenger', online: true },
  { key: 'sms', name: 'SMS', online: true },
  { key: 'social_media', name: 'Social media', online: true },
  { key: 'search_results', name: 'Search results', online: true },
  { key: 'banner_ad', name: 'Banner ad', online: true },
  { key: 'context_ad', name: 'Context ad', online: true },
  { key: 'review_site', name: 'Review site', online: true },
  { key: 'customer_portal', name: 'Customer portal', online: true },
  { key: 'mobile_app', name: 'Mobile app', online: true },
  { key: 'printed', name: 'Printed (brochure, flyer, business card, price list, contract)', online: false },
  { key: 'signage', name: 'Signage / facade', online: false },
  { key: 'premises', name: 'Premises / reception', online: false },
  { key: 'event', name: 'Event / fair', online: false },
  { key: 'in_person', name: 'In person', online: false },
  { key: 'post', name: 'Post', online: false },
] as const;

/** Slug rule for keys: lowercase letters, digits, `_` `-` `.`, starting with a letter or digit. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,127}$/;

/** The six levers of SPEC §2 by which a task improves a touchpoint. */
export const LEVERS = [
  'staff_qualification',
  'new_touchpoints',
  'product_improvement',
  'target_clients',
  'business_processes',
  'sales_channels',
] as const;
export type Lever = (typeof LEVERS)[number];

/**
 * The life of an improvement task: users move it between planned, in_progress and done; the
 * verification from live data moves a done task to verified or not_effective (a user may reopen it).
 */
export const TASK_STATUSES = ['planned', 'in_progress', 'done', 'verified', 'not_effective'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The statuses a user may set; verified and not_effective are the verification's. */
export const USER_TASK_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type UserTaskStatus = (typeof USER_TASK_STATUSES)[number];

/** The outcome states of a task's verification. */
export const TASK_VERIFICATION_STATES = ['pending', 'verified', 'not_effective', 'not_verifiable'] as const;
export type TaskVerificationState = (typeof TASK_VERIFICATION_STATES)[number];

const DEFAULT_STAGE_NAMES = new Map<string, string>(DEFAULT_STAGES.map((s) => [s.key, s.name]));
const DEFAULT_LANE_NAMES = new Map<string, string>(DEFAULT_LANES.map((l) => [l.key, l.name]));
const DEFAULT_CHANNEL_NAMES = new Map<string, string>(DEFAULT_CHANNELS.map((c) => [c.key, c.name]));

/**
 * Default stages, lanes and built-in channels keep no name until a user renames them: the web app
 * shows them in the reader's language and the API in English. `stored` is the name a user gave.
 */
export function stageName(key: string, stored: string | null): string {
  return stored ?? DEFAULT_STAGE_NAMES.get(key) ?? key;
}
export function laneName(key: string, stored: string | null): string {
  return stored ?? DEFAULT_LANE_NAMES.get(key) ?? key;
}
export function channelName(key: string, stored: string | null): string {
  return stored ?? DEFAULT_CHANNEL_NAMES.get(key) ?? key;
}

/** Whether a stage or lane key has a default name, so it may be given without a name of its own. */
export function hasDefaultStageName(key: string): boolean {
  return DEFAULT_STAGE_NAMES.has(key);
}
export function hasDefaultLaneName(key: string): boolean {
  return DEFAULT_LANE_NAMES.has(key);
}

/** The name to store: none when `name` is the English default of a default stage/lane/channel key. */
export function customStageName(key: string, name: string | null | undefined): string | null {
  return !name || DEFAULT_STAGE_NAMES.get(key) === name ? null : name;
}
export function customLaneName(key: string, name: string | null | undefined): string | null {
  return !name || DEFAULT_LANE_NAMES.get(key) === name ? null : name;
}
export function customChannelName(key: string, name: string | null | undefined): string | null {
  return !name || DEFAULT_CHANNEL_NAMES.get(key) === name ? null : name;
}
