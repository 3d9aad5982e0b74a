/**
 * The demo workspace (`touchpoints demo`, POST /api/workspaces/demo): a small group with a
 * children's clinic, a management consulting practice and a home-goods store, written as a
 * workspace document and created through the ordinary import. The content follows the source
 * material: the clinic's chain (banner ad → website → online question form → phone call to book
 * → SMS reminder), the consulting funnel (sell the idea → show the difference → sell the firm and
 * the project), a store's contact zone (facade, signage, reception, price list, call centre,
 * e-mail), composite touchpoints, standards, competitors, and continuations (sale → review
 * request → referral).
 *
 * A few gaps are left on purpose so the health check has something to show (DEMO_FINDINGS),
 * and improvement tasks in every status are added after the import (demo-tasks.ts), as are audits
 * of the own brand and the competitors (demo-audits.ts).
 */
import type { HealthRule } from '../domain/health.js';
import { DEFAULT_CHANNELS, DEFAULT_LANES, DEFAULT_STAGES } from '../domain/vocabulary.js';
import {
  WORKSPACE_DOCUMENT_FORMAT,
  WORKSPACE_DOCUMENT_VERSION,
  type WorkspaceDocument,
} from '../domain/workspace-document.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { type ImportResult, importWorkspace } from '../store/catalog/workspace-import.js';
import { addDemoAlertRules } from './demo-alerts.js';
import { addDemoAudits } from './demo-audits.js';
import { addDemoComplaints } from './demo-complaints.js';
import { addDemoMapLanes } from './demo-map-lanes.js';
import { DEMO_PERSONAS } from './demo-personas.js';
import { addDemoReviews } from './demo-reviews.js';
import { addDemoSurveys } from './demo-surveys.js';
import { addDemoTasks, DEMO_OVERDUE_TASK } from './demo-tasks.js';

export const DEMO_WORKSPACE_NAME = 'Demo: Brightside Group';

type Doc = WorkspaceDocument;
type Tp = Doc['touchpoints'][number];
type Std = Doc['standards'][number];
type LaneKey = (typeof DEFAULT_LANES)[number]['key'];

/** The health findings the demo leaves on purpose: rule and object name. */
export const DEMO_FINDINGS: readonly { rule: HealthRule; name: string }[] = [
  { rule: 'subject_few_touchpoints', name: 'Dr. Elena Novak, paediatrician' },
  { rule: 'chain_no_final', name: 'Retail: loyalty programme (draft)' },
  { rule: 'final_without_continuation', name: 'Brightside: review and referral' },
  { rule: 'stage_without_touchpoint', name: 'Post-purchase reaction' },
  { rule: 'touchpoint_in_no_chain', name: "Consultant's business card" },
  { rule: 'touchpoint_no_owner', name: 'Price list' },
  { rule: 'touchpoint_no_standard', name: "Consultant's business card" },
  { rule: 'touchpoint_no_standard', name: 'Price list' },
  { rule: 'task_overdue', name: DEMO_OVERDUE_TASK },
];

const BRANDS = {
  own: { name: 'Brightside', isOwn: true, website: 'https://brightside.example' },
  mediplus: { name: 'MediPlus Clinic', isOwn: false, website: 'https://mediplus.example' },
  homegoods: { name: 'HomeGoods Outlet', isOwn: false, website: 'https://homegoods.example' },
};
type BrandKey = keyof typeof BRANDS;

const SUBJECTS = {
  clinic: { kind: 'division', name: 'Brightside Clinic', description: 'Children’s outpatient clinic.' },
  parkAvenue: {
    kind: 'location',
    name: 'Park Avenue clinic',
    description: 'The clinic’s premises: reception, waiting room, six consulting rooms.',
  },
  checkup: {
    kind: 'service',
    name: 'Paediatric check-up',
    description: 'A one-hour check-up with a paediatrician, booked online or by phone.',
  },
  drNovak: {
    kind: 'employee',
    name: 'Dr. Elena Novak, paediatrician',
    description: 'Most patients ask for her by name.',
  },
  consulting: {
    kind: 'division',
    name: 'Brightside Consulting',
    description: 'Management consulting for owners of companies with 30–150 employees.',
  },
  project: {
    kind: 'service',
    name: 'Management system implementation',
    description: 'A 6–9 month project implementing an administrative management system.',
  },
  consultant: {
    kind: 'employee',
    name: 'Project consultant',
    description: 'Leads the client through the diagnosis, the proposal and the project.',
  },
  mainStreet: {
    kind: 'location',
    name: 'Main Street store',
    description: 'Home-goods store in the town centre: 400 m², two tills, information desk.',
  },
  home: {
    kind: 'division',
    name: 'Brightside Home',
    description: 'Home goods: the Main Street store, phone and e-mail orders, delivery.',
  },
  delivery: { kind: 'service', name: 'Home delivery', description: 'Next-day delivery within 30 km.' },
  loyaltyCard: {
    kind: 'product',
    name: 'Brightside loyalty card',
    description: 'Points on every purchase, monthly offers.',
  },
  referrals: {
    kind: 'other',
    name: 'Reviews and referrals',
    description: 'Group-wide programme: review requests and refer-a-friend vouchers.',
  },
} as const;
type SubjectKey = keyof typeof SUBJECTS;

const CUSTOM_CHANNELS = [
  { key: 'webinar', name: 'Webinar', online: true },
  { key: 'word_of_mouth', name: 'Word of mouth / referral', online: false },
];
const ALL_CHANNELS = [...DEFAULT_CHANNELS, ...CUSTOM_CHANNELS];
type ChannelKey = (typeof ALL_CHANNELS)[number]['key'];

interface TouchpointSpec {
  key: string;
  name: string;
  description: string;
  channel: ChannelKey;
  direction: Tp['direction'];
  stage: Tp['stage'];
  subject?: SubjectKey;
  brand?: BrandKey;
  parent?: string;
  attention?: Tp['attention'];
  lifetime?: Tp['lifetime'];
  priority?: number;
  status?: Tp['status'];
  /** Owned by the demo's owner; own-brand touchpoints are, unless false. */
  owned?: boolean;
  controllable?: boolean;
  tags: string[];
  brandedMaterial?: string;
}

const TOUCHPOINTS: TouchpointSpec[] = [
  // The clinic: banner ad → website → online question form → phone call to book → SMS reminder.
  {
    key: 'clinic-banner-ad',
    name: 'Banner ad “Check-up in one day”',
    description: 'Display banner on local parenting sites, linking to the check-up page.',
    subject: 'checkup',
    channel: 'banner_ad',
    direction: 'out',
    stage: 'need_recognition',
    attention: 'short',
    lifetime: 'one_time',
    priority: 3,
    tags: ['clinic', 'acquisition'],
    brandedMaterial: 'Teal Brightside logo, photo of Dr. Novak with a child',
  },
  {
    key: 'clinic-context-ad',
    name: 'Search ad “paediatrician near me”',
    description: 'Context ad on the search engine for local paediatrician searches.',
    subject: 'clinic',
    channel: 'context_ad',
    direction: 'out',
    stage: 'need_recognition',
    attention: 'short',
    lifetime: 'one_time',
    priority: 3,
    tags: ['clinic', 'acquisition'],
  },
  {
    key: 'clinic-website',
    name: 'Clinic website',
    description: 'brightside.example/clinic: services, prices, doctors, online question form.',
    subject: 'parkAvenue',
    channel: 'website',
    direction: 'both',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'recurring',
    priority: 5,
    tags: ['clinic'],
  },
  {
    key: 'clinic-website-services',
    name: 'Services and prices page',
    description: 'Every service with its price and the next free slot.',
    subject: 'parkAvenue',
    parent: 'clinic-website',
    channel: 'website',
    direction: 'out',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'recurring',
    tags: ['clinic'],
  },
  {
    key: 'clinic-website-doctors',
    name: 'Doctors’ profiles page',
    description: 'Photos, experience and patient ratings of each doctor.',
    subject: 'parkAvenue',
    parent: 'clinic-website',
    channel: 'website',
    direction: 'out',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'recurring',
    tags: ['clinic'],
  },
  {
    key: 'clinic-question-form',
    name: 'Online question form',
    description: 'Parents ask a doctor a question before booking; the answer comes by e-mail.',
    subject: 'checkup',
    channel: 'website',
    direction: 'in',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'one_time',
    priority: 4,
    tags: ['clinic'],
  },
  {
    key: 'clinic-booking-call',
    name: 'Phone call to book an appointment',
    description: 'The administrator answers, finds a slot and books it in the schedule.',
    subject: 'parkAvenue',
    channel: 'phone',
    direction: 'in',
    stage: 'purchase',
    attention: 'short',
    lifetime: 'recurring',
    priority: 5,
    tags: ['clinic', 'contact-zone'],
  },
  {
    key: 'clinic-sms-reminder',
    name: 'SMS appointment reminder',
    description: 'Booking confirmation right away, reminder the day before with the doctor’s name and a map.',
    subject: 'checkup',
    channel: 'sms',
    direction: 'out',
    stage: 'purchase',
    attention: 'short',
    lifetime: 'recurring',
    priority: 4,
    tags: ['clinic'],
  },
  {
    key: 'clinic-reception',
    name: 'Clinic reception',
    description: 'The front desk and the waiting room: the clinic’s contact zone.',
    subject: 'parkAvenue',
    channel: 'premises',
    direction: 'both',
    stage: 'purchase',
    attention: 'long',
    lifetime: 'recurring',
    priority: 5,
    tags: ['clinic', 'contact-zone'],
  },
  {
    key: 'clinic-registration',
    name: 'Registration at the front desk',
    description: 'Check-in, insurance card, consent form.',
    subject: 'parkAvenue',
    parent: 'clinic-reception',
    channel: 'premises',
    direction: 'both',
    stage: 'purchase',
    tags: ['clinic', 'contact-zone'],
  },
  {
    key: 'clinic-waiting-room',
    name: 'Waiting room',
    description: 'Toys, water, a screen showing who is next.',
    subject: 'parkAvenue',
    parent: 'clinic-reception',
    channel: 'premises',
    direction: 'out',
    stage: 'purchase',
    tags: ['clinic', 'contact-zone'],
  },
  {
    key: 'clinic-doctor-visit',
    name: 'Check-up with the paediatrician',
    description: 'The visit itself: examination, advice, a written summary for the parents.',
    subject: 'drNovak',
    channel: 'in_person',
    direction: 'both',
    stage: 'purchase',
    attention: 'long',
    lifetime: 'recurring',
    priority: 5,
    tags: ['clinic'],
  },
  {
    key: 'clinic-feedback-sms',
    name: 'SMS satisfaction survey after the visit',
    description: 'One question (CSAT 1–5) and a free comment, sent two hours after the visit.',
    subject: 'checkup',
    channel: 'sms',
    direction: 'out',
    stage: 'post_purchase',
    attention: 'short',
    lifetime: 'recurring',
    tags: ['clinic', 'feedback'],
  },
  {
    key: 'clinic-review-site',
    name: 'Clinic rating on a doctors’ review site',
    description: 'Public ratings and reviews; the clinic answers every review within a day.',
    subject: 'clinic',
    channel: 'review_site',
    direction: 'both',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'recurring',
    priority: 4,
    controllable: false,
    tags: ['clinic', 'reputation'],
  },
  {
    key: 'clinic-mobile-app',
    name: 'Patient mobile app',
    description: 'Booking, results and reminders in one app — planned for next year.',
    subject: 'clinic',
    channel: 'mobile_app',
    direction: 'both',
    stage: 'post_purchase',
    attention: 'long',
    lifetime: 'recurring',
    status: 'planned',
    tags: ['clinic'],
  },

  // Consulting: sell the idea → show the difference → sell the firm and the project.
  {
    key: 'cons-article',
    name: 'Article “Consulting is not a training”',
    description: 'Explains what consulting is, how it differs from trainings and what it gives a business.',
    subject: 'consulting',
    channel: 'social_media',
    direction: 'out',
    stage: 'need_recognition',
    attention: 'long',
    lifetime: 'one_time',
    tags: ['consulting', 'sell-the-idea'],
  },
  {
    key: 'cons-webinar',
    name: 'Free webinar for company owners',
    description: 'Monthly one-hour webinar: why companies stop growing at 50 employees.',
    subject: 'consulting',
    channel: 'webinar',
    direction: 'out',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'recurring',
    priority: 4,
    tags: ['consulting', 'sell-the-idea'],
  },
  {
    key: 'cons-org-test',
    name: 'Online organisational test',
    description: 'Twenty questions about the company’s management; the result shows its weak spots.',
    subject: 'project',
    channel: 'website',
    direction: 'in',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'one_time',
    priority: 5,
    tags: ['consulting', 'sell-the-idea'],
  },
  {
    key: 'cons-results',
    name: 'Test results presentation',
    description: 'The owner receives a presentation of the test results by e-mail.',
    subject: 'project',
    channel: 'email',
    direction: 'out',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'one_time',
    tags: ['consulting', 'show-the-difference'],
  },
  {
    key: 'cons-magazine',
    name: 'Branded corporate magazine',
    description: 'Given after the test taken offline: cases of our clients, our system vs an MBA.',
    subject: 'consulting',
    channel: 'printed',
    direction: 'out',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'recurring',
    tags: ['consulting', 'show-the-difference'],
    brandedMaterial: 'Quarterly magazine in the Brightside Consulting design',
  },
  {
    key: 'cons-free-consultation',
    name: 'Free personal consultation with an expert',
    description: 'One hour with a consultant on the owner’s test results and what to fix first.',
    subject: 'consultant',
    channel: 'in_person',
    direction: 'both',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'one_time',
    priority: 5,
    tags: ['consulting', 'show-the-difference'],
  },
  {
    key: 'cons-office-meeting',
    name: 'Meeting at the consulting office',
    description: 'The owner meets the project team; the office itself has to inspire trust.',
    subject: 'consultant',
    channel: 'premises',
    direction: 'both',
    stage: 'purchase',
    attention: 'long',
    lifetime: 'one_time',
    priority: 4,
    tags: ['consulting', 'sell-the-firm'],
  },
  {
    key: 'cons-proposal',
    name: 'Commercial proposal',
    description: 'What the project gives, measurable results, when the investment pays back.',
    subject: 'project',
    channel: 'email',
    direction: 'out',
    stage: 'purchase',
    attention: 'long',
    lifetime: 'one_time',
    priority: 5,
    tags: ['consulting', 'sell-the-firm'],
  },
  {
    key: 'cons-contract',
    name: 'Contract signing',
    description: 'A clear, branded contract the owner can read in ten minutes.',
    subject: 'project',
    channel: 'printed',
    direction: 'both',
    stage: 'purchase',
    attention: 'long',
    lifetime: 'one_time',
    priority: 4,
    tags: ['consulting', 'sell-the-firm'],
    brandedMaterial: 'Contract in a Brightside folder with the project plan',
  },
  {
    key: 'cons-business-card',
    name: "Consultant's business card",
    description: 'Handed out at events; says only name, company and phone number.',
    subject: 'consultant',
    channel: 'printed',
    direction: 'out',
    stage: 'information_search',
    attention: 'short',
    lifetime: 'one_time',
    priority: 2,
    tags: ['consulting'],
  },
  {
    key: 'cons-graduate-calendar',
    name: 'Graduate calendar and infographics',
    description: 'Sent every December to companies that completed a project.',
    subject: 'consulting',
    channel: 'post',
    direction: 'out',
    stage: 'post_purchase',
    attention: 'long',
    lifetime: 'recurring',
    tags: ['consulting', 'graduates'],
    brandedMaterial: 'Wall calendar with management tips, one per month',
  },
  {
    key: 'cons-graduate-event',
    name: 'Graduates-only event',
    description: 'Yearly evening for owners who completed a project: cases, awards, networking.',
    subject: 'consulting',
    channel: 'event',
    direction: 'both',
    stage: 'post_purchase',
    attention: 'long',
    lifetime: 'recurring',
    tags: ['consulting', 'graduates'],
  },

  // The store's contact zone.
  {
    key: 'retail-store-front',
    name: 'Store front',
    description: 'What a passer-by sees of the Main Street store.',
    subject: 'mainStreet',
    channel: 'signage',
    direction: 'out',
    stage: 'need_recognition',
    attention: 'short',
    lifetime: 'recurring',
    priority: 4,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-facade',
    name: 'Facade',
    description: 'Clean, lit in the evening, the entrance visible from across the street.',
    subject: 'mainStreet',
    parent: 'retail-store-front',
    channel: 'signage',
    direction: 'out',
    stage: 'need_recognition',
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-signage',
    name: 'Sign above the entrance',
    description: 'Brightside Home sign with opening hours and the phone number.',
    subject: 'mainStreet',
    parent: 'retail-store-front',
    channel: 'signage',
    direction: 'out',
    stage: 'need_recognition',
    tags: ['retail', 'contact-zone'],
    brandedMaterial: 'Illuminated teal sign',
  },
  {
    key: 'retail-shop-window',
    name: 'Shop window display',
    description: 'Changed every month with the season’s offers.',
    subject: 'mainStreet',
    parent: 'retail-store-front',
    channel: 'signage',
    direction: 'out',
    stage: 'need_recognition',
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-info-desk',
    name: 'Reception and information desk',
    description: 'First person a shopper meets: greets, orients, takes orders for delivery.',
    subject: 'mainStreet',
    channel: 'premises',
    direction: 'both',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'recurring',
    priority: 4,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-price-list',
    name: 'Price list',
    description: 'Printed price list at the entrance: long columns of numbers nobody reads.',
    subject: 'home',
    channel: 'printed',
    direction: 'out',
    stage: 'comparison',
    attention: 'short',
    lifetime: 'recurring',
    priority: 3,
    owned: false,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-floor-consultant',
    name: 'Shop-floor consultant',
    description: 'Helps to choose, compares products, knows what is in stock.',
    subject: 'mainStreet',
    channel: 'in_person',
    direction: 'both',
    stage: 'comparison',
    attention: 'long',
    lifetime: 'recurring',
    priority: 5,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-checkout',
    name: 'Checkout',
    description: 'Two tills; card and cash; the receipt shows the loyalty points.',
    subject: 'mainStreet',
    channel: 'premises',
    direction: 'both',
    stage: 'purchase',
    attention: 'short',
    lifetime: 'recurring',
    priority: 5,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-call-centre',
    name: 'Call centre',
    description: 'Orders, delivery questions and complaints for Brightside Home.',
    subject: 'home',
    channel: 'phone',
    direction: 'both',
    stage: 'purchase',
    attention: 'short',
    lifetime: 'recurring',
    priority: 5,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-call-greeting',
    name: 'Greeting',
    description: '“Brightside Home, this is Anna, how can I help?” — name, company, offer of help.',
    subject: 'home',
    parent: 'retail-call-centre',
    channel: 'phone',
    direction: 'out',
    stage: 'purchase',
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-call-hold-music',
    name: 'Hold music',
    description: 'Calm music and the expected waiting time, never silence.',
    subject: 'home',
    parent: 'retail-call-centre',
    channel: 'phone',
    direction: 'out',
    stage: 'purchase',
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-call-operator',
    name: 'Operator answer',
    description: 'Knows stock, delivery dates and current offers; honest about what is not possible.',
    subject: 'home',
    parent: 'retail-call-centre',
    channel: 'phone',
    direction: 'both',
    stage: 'purchase',
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-call-farewell',
    name: 'Farewell',
    description: 'Sums up what was agreed and says what happens next.',
    subject: 'home',
    parent: 'retail-call-centre',
    channel: 'phone',
    direction: 'out',
    stage: 'purchase',
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-email-reply',
    name: 'Reply to e-mail enquiries',
    description: 'Answers from the shop’s mailbox, signed by a person, with a useful P.S.',
    subject: 'home',
    channel: 'email',
    direction: 'in',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'recurring',
    priority: 4,
    tags: ['retail', 'contact-zone'],
  },
  {
    key: 'retail-social-page',
    name: 'Store page on social media',
    description: 'New arrivals, offers, answers to comments and messages.',
    subject: 'home',
    channel: 'social_media',
    direction: 'both',
    stage: 'information_search',
    attention: 'long',
    lifetime: 'recurring',
    tags: ['retail'],
  },
  {
    key: 'retail-order-confirmation',
    name: 'Order confirmation e-mail',
    description: 'Sent when a phone or e-mail order is placed: items, price, delivery slot.',
    subject: 'delivery',
    channel: 'email',
    direction: 'out',
    stage: 'purchase',
    attention: 'short',
    lifetime: 'recurring',
    tags: ['retail'],
  },
  {
    key: 'retail-delivery-sms',
    name: 'Delivery slot SMS',
    description: 'The two-hour delivery window, sent the evening before.',
    subject: 'delivery',
    channel: 'sms',
    direction: 'out',
    stage: 'post_purchase',
    attention: 'short',
    lifetime: 'recurring',
    tags: ['retail'],
  },
  {
    key: 'retail-courier',
    name: 'Courier at the door',
    description: 'Delivers, carries the goods inside, takes the packaging away.',
    subject: 'delivery',
    channel: 'in_person',
    direction: 'both',
    stage: 'post_purchase',
    attention: 'short',
    lifetime: 'recurring',
    priority: 4,
    tags: ['retail'],
  },
  {
    key: 'retail-loyalty-signup',
    name: 'Loyalty card sign-up at the checkout',
    description: 'The cashier offers the card; sign-up takes a phone number only.',
    subject: 'loyaltyCard',
    channel: 'in_person',
    direction: 'both',
    stage: 'purchase',
    attention: 'short',
    lifetime: 'one_time',
    tags: ['retail', 'loyalty'],
  },
  {
    key: 'retail-loyalty-newsletter',
    name: 'Monthly loyalty newsletter',
    description: 'Points balance and offers for card holders — at most one e-mail a month.',
    subject: 'loyaltyCard',
    channel: 'email',
    direction: 'out',
    stage: 'post_purchase',
    attention: 'short',
    lifetime: 'recurring',
    tags: ['retail', 'loyalty'],
  },
  {
    key: 'retail-messenger',
    name: 'Messenger chat',
    description: 'Answering product questions in a messenger — planned after the call centre upgrade.',
    subject: 'home',
    channel: 'messenger',
    direction: 'both',
    stage: 'information_search',
    status: 'planned',
    tags: ['retail'],
  },

  // Group-wide consolidation: review request → review → referral.
  {
    key: 'group-review-request',
    name: 'Review request e-mail',
    description: 'Two days after a purchase or visit: “How was it? Tell others” with a one-click link.',
    subject: 'referrals',
    channel: 'email',
    direction: 'out',
    stage: 'post_purchase',
    attention: 'short',
    lifetime: 'recurring',
    tags: ['consolidation'],
  },
  {
    key: 'group-referral-voucher',
    name: 'Refer-a-friend voucher',
    description: 'A printed voucher and a code: the friend gets 10 % off, the customer too.',
    subject: 'referrals',
    channel: 'printed',
    direction: 'out',
    stage: 'post_purchase',
    attention: 'long',
    lifetime: 'one_time',
    tags: ['consolidation'],
    brandedMaterial: 'Voucher in the Brightside design',
  },
  {
    key: 'group-friend-recommendation',
    name: 'Friend’s recommendation',
    description: 'A referred friend gets in touch, voucher in hand.',
    subject: 'referrals',
    channel: 'word_of_mouth',
    direction: 'in',
    stage: 'need_recognition',
    attention: 'long',
    lifetime: 'one_time',
    controllable: false,
    tags: ['consolidation'],
  },

  // Competitors, for the benchmark.
  {
    key: 'mediplus-website',
    name: 'MediPlus website',
    description: 'Shows free slots for every doctor and a price calculator.',
    brand: 'mediplus',
    channel: 'website',
    direction: 'both',
    stage: 'information_search',
    tags: ['competitor', 'clinic'],
  },
  {
    key: 'mediplus-online-booking',
    name: 'MediPlus online booking widget',
    description: 'Books a slot in three clicks without a phone call.',
    brand: 'mediplus',
    channel: 'website',
    direction: 'in',
    stage: 'purchase',
    tags: ['competitor', 'clinic'],
  },
  {
    key: 'mediplus-call-centre',
    name: 'MediPlus call centre',
    description: 'Mystery calls: answered in 45 s on average, no callback offered.',
    brand: 'mediplus',
    channel: 'phone',
    direction: 'in',
    stage: 'purchase',
    tags: ['competitor', 'clinic'],
  },
  {
    key: 'homegoods-shop-window',
    name: 'HomeGoods shop window',
    description: 'Large discount posters; changes weekly.',
    brand: 'homegoods',
    channel: 'signage',
    direction: 'out',
    stage: 'need_recognition',
    tags: ['competitor', 'retail'],
  },
  {
    key: 'homegoods-price-list',
    name: 'HomeGoods price list',
    description: 'An infographic price list people actually read — worth learning from.',
    brand: 'homegoods',
    channel: 'printed',
    direction: 'out',
    stage: 'comparison',
    tags: ['competitor', 'retail'],
  },
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type StandardSpec = Omit<Std, 'id' | 'touchpointId' | 'prop'> & { touchpoint: string; prop?: string };

const STANDARDS: StandardSpec[] = [
  s('clinic-banner-ad', 'Few negative reactions to the banner', 'negative_share', 'lte', 0.05, 0.9),
  s('clinic-context-ad', 'Landing page opens within 2 s', 'prop', 'lte', 2000, 0.9, 'page_load_ms'),
  s('clinic-website', 'Pages load within 2 s', 'prop', 'lte', 2000, 0.95, 'page_load_ms'),
  s('clinic-question-form', 'Question answered within 1 hour', 'response_ms', 'lte', HOUR, 0.9),
  s('clinic-booking-call', 'Call answered within 20 s', 'response_ms', 'lte', 20_000, 0.9),
  s('clinic-sms-reminder', 'Booking confirmed by SMS within 1 minute', 'response_ms', 'lte', MINUTE, 0.95),
  s('clinic-reception', 'Waiting time at the desk at most 5 minutes', 'wait_ms', 'lte', 5 * MINUTE, 0.8),
  s('clinic-doctor-visit', 'Parents satisfied with the check-up', 'csat', 'gte', 4.5, 0.8),
  s('clinic-feedback-sms', 'Survey sent within 2 hours of the visit', 'response_ms', 'lte', 2 * HOUR, 0.9),
  s('clinic-review-site', 'Few negative reviews', 'negative_share', 'lte', 0.1, 0.9),
  s('clinic-review-site', 'Reviews answered within a day', 'review_reply_ms', 'lte', 24 * HOUR, 0.9),
  s('cons-article', 'Few negative comments', 'negative_share', 'lte', 0.1, 0.9),
  s('cons-webinar', 'Webinar rated at least 4.5', 'csat', 'gte', 4.5, 0.8),
  s('cons-org-test', 'Test done within 15 minutes', 'duration_ms', 'lte', 15 * MINUTE, 0.8),
  s('cons-results', 'Results sent within 10 minutes', 'response_ms', 'lte', 10 * MINUTE, 0.95),
  s('cons-magazine', 'Few negative reactions to the magazine', 'negative_share', 'lte', 0.1, 0.9),
  s('cons-free-consultation', 'Consultation rated at least 4.5', 'csat', 'gte', 4.5, 0.8),
  s(
    'cons-office-meeting',
    'Meeting starts on time (wait at most 5 minutes)',
    'wait_ms',
    'lte',
    5 * MINUTE,
    0.9,
  ),
  s('cons-proposal', 'Proposal sent within 24 hours', 'response_ms', 'lte', 24 * HOUR, 0.9),
  s('cons-contract', 'Signing is effortless', 'ces', 'lte', 2, 0.8),
  s('cons-graduate-calendar', 'Few negative reactions to the mailing', 'negative_share', 'lte', 0.05, 0.9),
  s('cons-graduate-event', 'Graduates recommend us', 'nps', 'gte', 50, 0.9),
  s(
    'retail-store-front',
    'Few negative first impressions (mystery shopping)',
    'negative_share',
    'lte',
    0.05,
    0.9,
  ),
  s('retail-info-desk', 'Waiting time at the desk at most 5 minutes', 'wait_ms', 'lte', 5 * MINUTE, 0.9),
  s('retail-floor-consultant', 'Shoppers satisfied with the advice', 'csat', 'gte', 4.5, 0.8),
  s('retail-checkout', 'Queue at the till at most 3 minutes', 'wait_ms', 'lte', 3 * MINUTE, 0.9),
  s('retail-call-centre', 'Call answered within 20 s', 'response_ms', 'lte', 20_000, 0.9),
  s('retail-call-operator', 'Callers satisfied with the answer', 'csat', 'gte', 4.5, 0.8),
  s('retail-email-reply', 'E-mail answered within 10 minutes', 'response_ms', 'lte', 10 * MINUTE, 0.9),
  s('retail-social-page', 'Comments answered within 1 hour', 'response_ms', 'lte', HOUR, 0.9),
  s('retail-order-confirmation', 'Confirmation sent within 1 minute', 'response_ms', 'lte', MINUTE, 0.95),
  s(
    'retail-delivery-sms',
    'Delivery SMS sent within 1 minute of planning',
    'response_ms',
    'lte',
    MINUTE,
    0.95,
  ),
  s('retail-courier', 'Customers satisfied with the delivery', 'csat', 'gte', 4.5, 0.8),
  s('retail-loyalty-signup', 'Sign-up is effortless', 'ces', 'lte', 2, 0.8),
  s('retail-loyalty-newsletter', 'Few unsubscribes and complaints', 'negative_share', 'lte', 0.02, 0.95),
  s('group-review-request', 'Few complaints about review requests', 'negative_share', 'lte', 0.02, 0.95),
  s('group-referral-voucher', 'Vouchers redeemed within 60 days', 'prop', 'lte', 60, 0.5, 'days_to_redeem'),
  s('group-friend-recommendation', 'Referred friends satisfied', 'csat', 'gte', 4.5, 0.8),
];

function s(
  touchpoint: string,
  name: string,
  metric: Std['metric'],
  comparator: Std['comparator'],
  target: number,
  requiredShare: number,
  prop?: string,
): StandardSpec {
  return { touchpoint, name, metric, comparator, target, requiredShare, ...(prop ? { prop } : {}) };
}

type Cells = Partial<Record<LaneKey, string[]>>;

interface JourneySpec {
  key: string;
  name: string;
  description: string;
  persona: string;
  acquisitionChannel: ChannelKey;
  lanes: LaneKey[];
  stages: { key: string; name: string; emotion: number; cells: Cells }[];
}

const defaultStage = (key: (typeof DEFAULT_STAGES)[number]['key']) =>
  DEFAULT_STAGES.find((st) => st.key === key)?.name ?? key;

const JOURNEYS: JourneySpec[] = [
  {
    key: 'clinic',
    name: 'Clinic: new patient found online',
    description:
      'A parent finds the clinic through an ad, asks a question, books by phone and comes for a check-up.',
    persona: 'Working parent of a 2–8 year old, books in the evening, compares two or three clinics',
    acquisitionChannel: 'banner_ad',
    lanes: ['touchpoints', 'actions', 'thoughts', 'feelings', 'pain_points', 'opportunities', 'backstage'],
    stages: [
      {
        key: 'need_recognition',
        name: defaultStage('need_recognition'),
        emotion: -1,
        cells: {
          touchpoints: ['clinic-banner-ad', 'clinic-context-ad'],
          actions: ['Notices the child’s cough has lasted two weeks'],
          thoughts: ['Is it serious? Our GP has no slot before next month'],
          feelings: ['Worried'],
          opportunities: ['Banner with the next free slot instead of a slogan'],
        },
      },
      {
        key: 'information_search',
        name: defaultStage('information_search'),
        emotion: 0,
        cells: {
          touchpoints: ['clinic-website', 'clinic-website-doctors'],
          actions: ['Reads about the doctors and their experience'],
          thoughts: ['Who will actually see my child?'],
          feelings: ['Hopeful but cautious'],
          pain_points: ['The mobile site hides the phone number at the bottom'],
          backstage: ['Web analytics tags the visit with the ad campaign'],
        },
      },
      {
        key: 'comparison',
        name: defaultStage('comparison'),
        emotion: 0,
        cells: {
          touchpoints: ['clinic-question-form', 'clinic-website-services', 'clinic-review-site'],
          actions: ['Asks whether the check-up includes blood tests', 'Reads reviews'],
          thoughts: ['MediPlus shows free slots right away'],
          feelings: ['Impatient'],
          pain_points: ['The answer to the form arrives the next morning'],
          opportunities: ['Answer form questions within an hour; offer a callback'],
          backstage: ['The form creates a lead in the CRM and notifies the duty doctor'],
        },
      },
      {
        key: 'purchase',
        name: defaultStage('purchase'),
        emotion: 1,
        cells: {
          touchpoints: [
            'clinic-booking-call',
            'clinic-sms-reminder',
            'clinic-reception',
            'clinic-doctor-visit',
          ],
          actions: ['Calls to book', 'Comes to the clinic with the child'],
          thoughts: ['I hope we won’t wait long'],
          feelings: ['Relieved once the slot is booked'],
          pain_points: ['Monday mornings: a queue at the front desk'],
          opportunities: ['Online pre-registration to skip the desk'],
          backstage: ['The administrator books the slot; the system sends the SMS'],
        },
      },
      {
        key: 'post_purchase',
        name: defaultStage('post_purchase'),
        emotion: 2,
        cells: {
          touchpoints: ['clinic-feedback-sms', 'group-review-request'],
          actions: ['Answers the satisfaction SMS', 'Leaves a review'],
          thoughts: ['We will come back for the vaccination'],
          feelings: ['Reassured'],
          opportunities: ['Reminder for the next check-up in six months'],
          backstage: ['Low scores open a call-back task for the head nurse'],
        },
      },
    ],
  },
  {
    key: 'consulting',
    name: 'Consulting: owner of a growing company',
    description: 'The three-stage funnel of a consulting firm: every touch sells one specific thing.',
    persona: 'Owner of a company with 30–150 employees whose growth has stalled',
    acquisitionChannel: 'social_media',
    lanes: ['touchpoints', 'actions', 'thoughts', 'feelings', 'pain_points', 'opportunities', 'backstage'],
    stages: [
      {
        key: 'sell_idea',
        name: 'Sell the idea: what consulting is',
        emotion: 0,
        cells: {
          touchpoints: ['cons-article', 'cons-webinar', 'cons-org-test'],
          actions: ['Reads the article', 'Joins the webinar', 'Takes the organisational test'],
          thoughts: ['Isn’t consulting just another training?'],
          feelings: ['Sceptical', 'Curious'],
          opportunities: ['Send the test link at the end of every webinar'],
        },
      },
      {
        key: 'show_difference',
        name: 'Show the difference: our system vs an MBA or trainings',
        emotion: 1,
        cells: {
          touchpoints: ['cons-results', 'cons-magazine', 'cons-free-consultation'],
          actions: ['Reads the test results', 'Meets an expert for a free consultation'],
          thoughts: ['They found exactly where we lose money'],
          feelings: ['Interested'],
          pain_points: ['The results presentation is long and generic'],
          backstage: ['The expert prepares with the test answers before the consultation'],
        },
      },
      {
        key: 'sell_firm',
        name: 'Sell the firm, the consultant and the project',
        emotion: 2,
        cells: {
          touchpoints: ['cons-office-meeting', 'cons-proposal', 'cons-contract'],
          actions: ['Visits the office', 'Reads the proposal', 'Signs the contract'],
          thoughts: ['Why this firm and this consultant? When does it pay back?'],
          feelings: ['Confident'],
          opportunities: ['Put measurable results and the payback date on the first page'],
          backstage: ['The partner reviews every proposal before it is sent'],
        },
      },
    ],
  },
  {
    key: 'retail',
    name: 'Retail: shopper in the Main Street store',
    description: 'The store’s contact zone, from the street to the till and the phone line.',
    persona: 'Local family furnishing a new flat',
    acquisitionChannel: 'signage',
    lanes: ['touchpoints', 'actions', 'feelings', 'pain_points', 'opportunities', 'frontstage', 'backstage'],
    stages: [
      {
        key: 'need_recognition',
        name: defaultStage('need_recognition'),
        emotion: 0,
        cells: {
          touchpoints: ['retail-store-front', 'retail-shop-window'],
          actions: ['Walks past the store', 'Stops at the shop window'],
          feelings: ['Curious'],
          opportunities: ['Show the delivery offer in the window'],
        },
      },
      {
        key: 'information_search',
        name: defaultStage('information_search'),
        emotion: 1,
        cells: {
          touchpoints: ['retail-info-desk', 'retail-social-page', 'retail-email-reply'],
          actions: ['Asks at the desk where the kitchen goods are', 'Writes to ask about a sofa size'],
          feelings: ['Welcome'],
          frontstage: ['Desk staff greet within 10 seconds of eye contact'],
          backstage: ['Stock levels visible to desk staff on a tablet'],
        },
      },
      {
        key: 'comparison',
        name: defaultStage('comparison'),
        emotion: -1,
        cells: {
          touchpoints: ['retail-price-list', 'retail-floor-consultant'],
          actions: ['Tries to find prices', 'Asks the consultant to compare two models'],
          feelings: ['Confused by the price list'],
          pain_points: ['Price list is columns of numbers; HomeGoods has an infographic one'],
          opportunities: ['Redesign the price list as a guide through the range'],
        },
      },
      {
        key: 'purchase',
        name: defaultStage('purchase'),
        emotion: 1,
        cells: {
          touchpoints: ['retail-checkout', 'retail-loyalty-signup', 'retail-call-centre'],
          actions: ['Pays at the till', 'Orders the sofa by phone for delivery'],
          feelings: ['Satisfied'],
          pain_points: ['Hold music loops for minutes without a waiting time'],
          frontstage: ['Cashier offers the loyalty card'],
          backstage: ['Call centre software routes delivery questions to logistics'],
        },
      },
      {
        key: 'post_purchase',
        name: defaultStage('post_purchase'),
        emotion: 0,
        cells: {
          actions: ['Unpacks at home', 'Wonders whether the sofa will arrive on time'],
          feelings: ['Forgotten'],
          pain_points: ['Nobody contacts the shopper after a purchase in the store'],
          opportunities: ['Add the review request and a thank-you e-mail for in-store purchases'],
        },
      },
    ],
  },
];

interface ChainSpec {
  key: string;
  name: string;
  description: string;
  journey?: string;
  next?: string;
  windowDays: number;
  links: string[];
  /** A draft whose last link is not final yet. */
  draft?: boolean;
}

const CHAINS: ChainSpec[] = [
  {
    key: 'clinic-online',
    name: 'Clinic: online lead to booking',
    description:
      'The chain from the source material: banner ad → website → question form → call → SMS reminder.',
    journey: 'clinic',
    next: 'clinic-visit',
    windowDays: 14,
    links: [
      'clinic-banner-ad',
      'clinic-website',
      'clinic-question-form',
      'clinic-booking-call',
      'clinic-sms-reminder',
    ],
  },
  {
    key: 'clinic-search',
    name: 'Clinic: search lead to booking',
    description: 'Parents who search for a paediatrician and call straight from the website.',
    journey: 'clinic',
    next: 'clinic-visit',
    windowDays: 7,
    links: ['clinic-context-ad', 'clinic-website', 'clinic-booking-call'],
  },
  {
    key: 'clinic-visit',
    name: 'Clinic: the visit',
    description: 'From the front desk to the satisfaction survey.',
    journey: 'clinic',
    next: 'referral',
    windowDays: 2,
    links: ['clinic-reception', 'clinic-doctor-visit', 'clinic-feedback-sms'],
  },
  {
    key: 'cons-idea',
    name: 'Consulting: sell the idea',
    description: 'Stage 1 of the funnel: what consulting is and what it gives a business.',
    journey: 'consulting',
    next: 'cons-difference',
    windowDays: 30,
    links: ['cons-article', 'cons-webinar', 'cons-org-test'],
  },
  {
    key: 'cons-difference',
    name: 'Consulting: show the difference',
    description: 'Stage 2: our system compared with an MBA and with trainings.',
    journey: 'consulting',
    next: 'cons-firm',
    windowDays: 14,
    links: ['cons-results', 'cons-magazine', 'cons-free-consultation'],
  },
  {
    key: 'cons-firm',
    name: 'Consulting: sell the firm and the project',
    description: 'Stage 3: why us, why this consultant, what the project returns.',
    journey: 'consulting',
    next: 'cons-graduates',
    windowDays: 30,
    links: ['cons-office-meeting', 'cons-proposal', 'cons-contract'],
  },
  {
    key: 'cons-graduates',
    name: 'Consulting: graduates stay in touch',
    description: 'After the project: calendars, events only for graduates.',
    journey: 'consulting',
    next: 'referral',
    windowDays: 365,
    links: ['cons-graduate-calendar', 'cons-graduate-event'],
  },
  {
    key: 'retail-visit',
    name: 'Retail: store visit',
    description: 'The contact zone from the street to the till.',
    journey: 'retail',
    next: 'referral',
    windowDays: 1,
    links: [
      'retail-store-front',
      'retail-info-desk',
      'retail-price-list',
      'retail-floor-consultant',
      'retail-checkout',
    ],
  },
  {
    key: 'retail-enquiry',
    name: 'Retail: online enquiry',
    description: 'A question on social media answered by e-mail, then an order by phone.',
    journey: 'retail',
    next: 'retail-phone-order',
    windowDays: 7,
    links: ['retail-social-page', 'retail-email-reply'],
  },
  {
    key: 'retail-phone-order',
    name: 'Retail: phone order and delivery',
    description: 'Order by phone, confirmation, delivery window, courier.',
    journey: 'retail',
    next: 'referral',
    windowDays: 7,
    links: ['retail-call-centre', 'retail-order-confirmation', 'retail-delivery-sms', 'retail-courier'],
  },
  {
    key: 'retail-loyalty',
    name: 'Retail: loyalty programme (draft)',
    description: 'Still being designed: what should the newsletter lead to?',
    journey: 'retail',
    windowDays: 90,
    links: ['retail-loyalty-signup', 'retail-loyalty-newsletter'],
    draft: true,
  },
  {
    key: 'referral',
    name: 'Brightside: review and referral',
    description: 'Consolidation after every sale: review request, review, refer-a-friend.',
    windowDays: 60,
    links: [
      'group-review-request',
      'clinic-review-site',
      'group-referral-voucher',
      'group-friend-recommendation',
    ],
  },
];

/** The demo as a workspace document; touchpoints are owned by `ownerEmail`. */
export function demoWorkspaceDocument(ownerEmail: string): WorkspaceDocument {
  const ids = new Map<string, string>();
  const idOf = (kind: string, key: string, create = false): string => {
    const name = `${kind}:${key}`;
    let id = ids.get(name);
    if (!id) {
      if (!create) throw new Error(`demo content refers to an unknown ${kind} "${key}"`);
      id = crypto.randomUUID();
      ids.set(name, id);
    }
    return id;
  };
  const brandList = Object.entries(BRANDS).map(([key, b]) => ({ id: idOf('brand', key, true), ...b }));
  const subjectList = Object.entries(SUBJECTS).map(([key, sub]) => ({
    id: idOf('subject', key, true),
    ...sub,
  }));
  const channelList = ALL_CHANNELS.map((c) => ({
    id: idOf('channel', c.key, true),
    key: c.key,
    name: c.name,
    online: c.online,
    builtin: DEFAULT_CHANNELS.some((d) => d.key === c.key),
  }));
  for (const t of TOUCHPOINTS) idOf('touchpoint', t.key, true);
  const online = new Map(ALL_CHANNELS.map((c) => [c.key, c.online]));
  const touchpointList: Tp[] = TOUCHPOINTS.map((t) => {
    const brand = t.brand ?? 'own';
    const isOwn = brand === 'own';
    return {
      id: idOf('touchpoint', t.key),
      key: t.key,
      name: t.name,
      description: t.description,
      brandId: idOf('brand', brand),
      subjectId: t.subject ? idOf('subject', t.subject) : null,
      parentId: t.parent ? idOf('touchpoint', t.parent) : null,
      channelId: idOf('channel', t.channel),
      direction: t.direction,
      stage: t.stage,
      online: online.get(t.channel) ?? true,
      attention: t.attention ?? null,
      lifetime: t.lifetime ?? null,
      controllable: t.controllable ?? isOwn,
      priority: t.priority ?? 3,
      ownerEmail: isOwn && t.owned !== false ? ownerEmail : null,
      status: t.status ?? 'active',
      tags: t.tags,
      brandedMaterial: t.brandedMaterial ?? '',
    };
  });
  const standardList: Std[] = STANDARDS.map(({ touchpoint, prop, ...st }) => ({
    id: crypto.randomUUID(),
    touchpointId: idOf('touchpoint', touchpoint),
    prop: prop ?? null,
    ...st,
  }));
  for (const p of DEMO_PERSONAS) idOf('persona', p.journey, true);
  const journeyList = JOURNEYS.map((j) => {
    const stageList = j.stages.map((st) => ({
      id: crypto.randomUUID(),
      key: st.key,
      name: st.name,
      designedEmotion: st.emotion,
    }));
    const items = j.stages.flatMap((st, i) => {
      const stageId = stageList[i]?.id ?? '';
      return j.lanes.flatMap((lane) =>
        (st.cells[lane] ?? []).map((value) =>
          lane === 'touchpoints'
            ? { stageId, lane, text: null, touchpointId: idOf('touchpoint', value) }
            : { stageId, lane, text: value, touchpointId: null },
        ),
      );
    });
    return {
      id: idOf('journey', j.key, true),
      name: j.name,
      description: j.description,
      persona: j.persona,
      personaId: DEMO_PERSONAS.find((p) => p.journey === j.key) ? idOf('persona', j.key) : null,
      acquisitionChannelId: idOf('channel', j.acquisitionChannel),
      lanes: j.lanes.map((key) => {
        const lane = DEFAULT_LANES.find((l) => l.key === key);
        return { key, name: lane?.name ?? key, kind: lane?.kind ?? 'actions' };
      }),
      stages: stageList,
      items,
    };
  });
  for (const c of CHAINS) idOf('chain', c.key, true);
  const chainList = CHAINS.map((c) => ({
    id: idOf('chain', c.key),
    name: c.name,
    description: c.description,
    journeyId: c.journey ? idOf('journey', c.journey) : null,
    nextChainId: c.next ? idOf('chain', c.next) : null,
    windowDays: c.windowDays,
    links: c.links.map((key, i) => ({
      touchpointId: idOf('touchpoint', key),
      role:
        i === 0
          ? ('initial' as const)
          : i === c.links.length - 1 && !c.draft
            ? ('final' as const)
            : ('middle' as const),
    })),
  }));
  return {
    format: WORKSPACE_DOCUMENT_FORMAT,
    formatVersion: WORKSPACE_DOCUMENT_VERSION,
    exportedAt: new Date().toISOString(),
    workspace: {
      name: DEMO_WORKSPACE_NAME,
      description:
        'Synthetic demo: a group with a children’s clinic, a management consulting practice and a home-goods ' +
        'store. Explore the journeys, chains and standards, then run the health check.',
      settings: { contactFrequencyCap: 8 },
    },
    brands: brandList,
    subjects: subjectList,
    channels: channelList,
    touchpoints: touchpointList,
    standards: standardList,
    personas: DEMO_PERSONAS.map(({ key: _key, journey, ...p }) => ({ id: idOf('persona', journey), ...p })),
    journeys: journeyList,
    chains: chainList,
  };
}

/**
 * Creates the demo workspace, owned by `owner`, through the ordinary import, then its improvement
 * tasks (demo-tasks.ts: made on the day, so their due dates fall around it) and its audit checklists,
 * audits and a mystery-shopper link (demo-audits.ts), its alert rules (demo-alerts.ts, evaluated
 * once the interactions are recorded) and its complaint register (demo-complaints.ts).
 */
export async function createDemoWorkspace(
  db: Db,
  actor: Actor,
  owner: { id: string; email: string },
  options: { name?: string | undefined } = {},
): Promise<ImportResult> {
  const result = await importWorkspace(db, actor, demoWorkspaceDocument(owner.email), owner, options);
  await addDemoTasks(db, actor, result.workspace.id, owner.id);
  await addDemoMapLanes(db, actor, result.workspace.id);
  await addDemoAudits(db, actor, result.workspace.id, owner.id);
  await addDemoAlertRules(db, actor, result.workspace.id);
  await addDemoReviews(db, actor, result.workspace.id);
  await addDemoSurveys(db, actor, result.workspace.id);
  await addDemoComplaints(db, actor, result.workspace.id, owner.id);
  return result;
}
