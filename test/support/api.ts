/** What the tests read of the JSON answers of the reports API (`/api/reports`). */
export interface ReportJson {
  ticket: string;
  privacy: string;
  trackingToken: string | null;
  status: { code: string };
  agency: { code: string };
  photos: { id: string; url: string }[];
  timeline: { rule?: string }[];
  supports: number;
}

/** The public feed (`GET /api/reports`). */
export interface FeedJson {
  page: number;
  hasMore: boolean;
  items: ReportJson[];
}

/** A refusal of the API: a code to act on and a sentence for people. */
export interface ApiErrorJson {
  statusCode?: number;
  error: string;
  code?: string;
  message: string;
}

/** `/readyz`: each dependency's state. */
export interface ReadyJson {
  status?: string;
  checks: Record<string, 'up' | 'down'>;
}
