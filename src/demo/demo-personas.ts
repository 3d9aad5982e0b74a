/** The demo workspace's personas (demo-workspace.ts), each the customer of one demo journey map. */

export interface DemoPersona {
  key: string;
  /** The demo journey (its key) drawn for this persona. */
  journey: string;
  name: string;
  role: string;
  segment: string;
  quote: string;
  goals: string[];
  needs: string[];
  pains: string[];
  avatar: 'teal' | 'indigo';
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    key: 'marta',
    journey: 'clinic',
    name: 'Marta Novak',
    role: 'Working parent of a four-year-old',
    segment: 'Families with young children',
    quote: 'I can only call after seven in the evening — and then nobody answers.',
    goals: ['Find a children’s doctor nearby she can trust', 'Book a check-up without calling twice'],
    needs: ['Evening booking online', 'A reminder the day before', 'Clear prices before the visit'],
    pains: [
      'Busy phone line at lunchtime',
      'Waiting room full of coughing children',
      'Forms filled in again',
    ],
    avatar: 'teal',
  },
  {
    key: 'viktor',
    journey: 'consulting',
    name: 'Viktor Hale',
    role: 'Owner of a 90-person manufacturing company',
    segment: 'Growing small and mid-sized companies',
    quote: 'I do not need another report. I need growth back.',
    goals: ['Return to double-digit growth', 'Spend less of his own time on sales'],
    needs: ['Proof the consultants know his industry', 'A fixed price per phase', 'Results he can measure'],
    pains: ['Long proposals full of jargon', 'Consultants who leave before anything changes'],
    avatar: 'indigo',
  },
];
