/**
 * A small hand-built workspace document for the import, export and health tests: readable ids,
 * one object per case the rules distinguish. `healthDocument` lists what each rule must find.
 */
import type { WorkspaceDocument } from '../src/domain/workspace-document.js';

/** A readable UUID: u(7) = 00000000-0000-4000-8000-000000000007. */
export function u(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export const ID = {
  own: u(1),
  rival: u(2),
  store: u(10),
  delivery: u(11),
  emptySubject: u(12),
  phone: u(20),
  web: u(21),
  callCentre: u(30),
  greeting: u(31),
  website: u(32),
  websiteForm: u(33),
  facade: u(34),
  oldFlyer: u(35),
  newApp: u(36),
  rivalSite: u(37),
  journey: u(40),
  stageNeed: u(41),
  stagePurchase: u(42),
  stagePost: u(43),
  phoneSale: u(50),
  reviewRequest: u(51),
  draft: u(52),
  openEnded: u(53),
} as const;

type Tp = WorkspaceDocument['touchpoints'][number];

function touchpoint(id: string, key: string, name: string, extra: Partial<Tp> = {}): Tp {
  return {
    id,
    key,
    name,
    description: '',
    brandId: ID.own,
    subjectId: ID.delivery,
    parentId: null,
    channelId: ID.phone,
    direction: 'both',
    stage: null,
    online: false,
    attention: null,
    lifetime: null,
    controllable: true,
    priority: 3,
    ownerEmail: null,
    status: 'active',
    tags: [],
    brandedMaterial: '',
    ...extra,
  };
}

/**
 * A workspace whose touchpoints are owned by `ownerEmail` where the rules need it. Expected
 * findings: see HEALTH_EXPECTED.
 */
export function healthDocument(ownerEmail: string): WorkspaceDocument {
  const owned = { ownerEmail };
  return {
    format: 'touchpoints.workspace',
    formatVersion: 1,
    workspace: { name: 'Corner shop', description: 'Hand-built test workspace', settings: {} },
    brands: [
      { id: ID.own, name: 'Corner shop', isOwn: true, website: 'https://corner.example' },
      { id: ID.rival, name: 'Rival', isOwn: false, website: '' },
    ],
    subjects: [
      { id: ID.store, kind: 'location', name: 'Main street store', description: '' },
      { id: ID.delivery, kind: 'service', name: 'Delivery', description: 'Same-day delivery' },
      { id: ID.emptySubject, kind: 'product', name: 'Empty subject', description: '' },
    ],
    channels: [
      { id: ID.phone, key: 'phone', name: 'Phone', online: false, builtin: true },
      { id: ID.web, key: 'website', name: 'Website', online: true, builtin: true },
    ],
    touchpoints: [
      touchpoint(ID.callCentre, 'call-centre', 'Call centre', { ...owned, tags: ['contact-zone', 'phone'] }),
      touchpoint(ID.greeting, 'call-greeting', 'Greeting', { parentId: ID.callCentre }),
      touchpoint(ID.website, 'website', 'Website', { ...owned, channelId: ID.web, online: true }),
      touchpoint(ID.websiteForm, 'website-form', 'Order form', {
        ...owned,
        parentId: ID.website,
        channelId: ID.web,
        direction: 'in',
        stage: 'purchase',
        attention: 'long',
        lifetime: 'recurring',
        priority: 5,
        online: true,
        description: 'The order form on the website',
        brandedMaterial: 'logo in the header',
      }),
      touchpoint(ID.facade, 'facade', 'Facade', { subjectId: ID.store, channelId: null, direction: 'out' }),
      touchpoint(ID.oldFlyer, 'old-flyer', 'Old flyer', { subjectId: ID.store, status: 'retired' }),
      touchpoint(ID.newApp, 'new-app', 'Mobile app', { subjectId: ID.store, status: 'planned' }),
      touchpoint(ID.rivalSite, 'rival-site', 'Rival website', {
        brandId: ID.rival,
        subjectId: null,
        channelId: ID.web,
        controllable: false,
      }),
    ],
    standards: [
      {
        id: u(60),
        touchpointId: ID.callCentre,
        name: 'Call answered within 20 s',
        metric: 'response_ms',
        prop: null,
        comparator: 'lte',
        target: 20000,
        requiredShare: 0.9,
      },
      {
        id: u(61),
        touchpointId: ID.website,
        name: 'Pages load within 2 s',
        metric: 'prop',
        prop: 'page_load_ms',
        comparator: 'lte',
        target: 2000,
        requiredShare: 0.95,
      },
      {
        id: u(62),
        touchpointId: ID.websiteForm,
        name: 'Easy to order',
        metric: 'ces',
        prop: null,
        comparator: 'lte',
        target: 2,
        requiredShare: 0.8,
      },
    ],
    journeys: [
      {
        id: ID.journey,
        name: 'Shopper',
        description: '',
        persona: 'Neighbour',
        acquisitionChannelId: ID.web,
        lanes: [
          { key: 'touchpoints', name: 'Touchpoints', kind: 'touchpoints' },
          { key: 'feelings', name: 'Feelings', kind: 'feelings' },
        ],
        stages: [
          { id: ID.stageNeed, key: 'need', name: 'Need', designedEmotion: -1 },
          { id: ID.stagePurchase, key: 'purchase', name: 'Purchase', designedEmotion: 2 },
          { id: ID.stagePost, key: 'post', name: 'Post-purchase', designedEmotion: null },
        ],
        items: [
          { stageId: ID.stageNeed, lane: 'touchpoints', text: null, touchpointId: ID.callCentre },
          { stageId: ID.stageNeed, lane: 'feelings', text: 'Curious', touchpointId: null },
          { stageId: ID.stageNeed, lane: 'feelings', text: 'Hurried', touchpointId: null },
          { stageId: ID.stagePurchase, lane: 'feelings', text: 'Pleased', touchpointId: null },
          {
            stageId: ID.stagePurchase,
            lane: 'touchpoints',
            text: null,
            touchpointId: ID.oldFlyer,
          },
          { stageId: ID.stagePost, lane: 'touchpoints', text: null, touchpointId: ID.newApp },
        ],
      },
    ],
    chains: [
      {
        id: ID.phoneSale,
        name: 'Phone sale',
        description: 'Order form, then a call',
        journeyId: ID.journey,
        nextChainId: ID.reviewRequest,
        windowDays: 7,
        links: [
          { touchpointId: ID.websiteForm, role: 'initial' },
          { touchpointId: ID.callCentre, role: 'final' },
        ],
      },
      {
        id: ID.reviewRequest,
        name: 'Review request',
        description: '',
        journeyId: null,
        nextChainId: null,
        windowDays: 30,
        links: [
          { touchpointId: ID.callCentre, role: 'initial' },
          { touchpointId: ID.website, role: 'final' },
        ],
      },
      {
        id: ID.draft,
        name: 'Draft chain',
        description: '',
        journeyId: null,
        nextChainId: null,
        windowDays: 30,
        links: [],
      },
      {
        id: ID.openEnded,
        name: 'Open-ended',
        description: '',
        journeyId: null,
        nextChainId: null,
        windowDays: 30,
        links: [
          { touchpointId: ID.callCentre, role: 'initial' },
          { touchpointId: ID.website, role: 'middle' },
        ],
      },
    ],
  };
}

/** What the health check must find in `healthDocument`, in report order: [rule, object name]. */
export const HEALTH_EXPECTED: [string, string][] = [
  ['subject_few_touchpoints', 'Empty subject'],
  ['subject_few_touchpoints', 'Main street store'],
  ['chain_no_initial', 'Draft chain'],
  ['chain_no_final', 'Draft chain'],
  ['chain_no_final', 'Open-ended'],
  ['final_without_continuation', 'Review request'],
  ['stage_without_touchpoint', 'Post-purchase'],
  ['stage_without_touchpoint', 'Purchase'],
  ['touchpoint_in_no_chain', 'Facade'],
  ['touchpoint_no_owner', 'Facade'],
  ['touchpoint_no_standard', 'Facade'],
];

/** Replaces each UUID by the ordinal of its first appearance, so documents with fresh ids compare. */
export function withOrdinalIds(value: unknown): unknown {
  const seen = new Map<string, number>();
  const text = JSON.stringify(value).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => {
      if (!seen.has(id)) seen.set(id, seen.size);
      return `#${seen.get(id)}`;
    },
  );
  return JSON.parse(text);
}

/** Sets a value deep inside a document, to spoil one field of an otherwise valid one. */
export function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): void {
  let target = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1] as string | number] = value;
}
