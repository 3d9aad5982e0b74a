/**
 * The answers of a walk, kept three ways so that a dropped connection loses nothing: in React state
 * (what the form shows), in a local draft (localStorage, survives a reload), and on the server
 * (saved as you go). Answers not yet on the server wait in the draft; they are sent shortly after
 * each change, again when the browser comes back online, and every few seconds while offline.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditAnswerInput, WalkSource } from '../../api/audits';
import { ApiError } from '../../api/client';

export interface DraftAnswer {
  value: number | null;
  note: string;
}

/** saved: nothing waits; saving: a request is out; offline: waiting for the network; failed: refused. */
export type SyncState = 'saved' | 'saving' | 'offline' | 'failed';

interface Draft {
  answers: Record<string, DraftAnswer>;
  /** Criteria whose answer is not on the server yet. */
  pending: string[];
}

const RETRY_MS = 5_000;
const DEBOUNCE_MS = 400;

function readDraft(key: string): Draft {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
    if (parsed && typeof parsed.answers === 'object' && Array.isArray(parsed.pending)) return parsed;
  } catch {
    // A draft that does not parse is no draft.
  }
  return { answers: {}, pending: [] };
}

function writeDraft(key: string, draft: Draft): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy still works.
  }
}

/** Forgets the local draft (after the walk is submitted). */
export function clearDraft(key: string): void {
  localStorage.removeItem(key);
}

/**
 * The walk's answers: the server's, overlaid by the draft's unsent ones. `set` changes one answer
 * and schedules its saving; `flush` sends what waits now (before submitting).
 */
export function useWalkAnswers(
  source: WalkSource,
  server: Record<string, DraftAnswer>,
  onRefused: (error: ApiError) => void,
) {
  const [answers, setAnswers] = useState<Record<string, DraftAnswer>>(() => {
    const draft = readDraft(source.draftKey);
    const merged = { ...server };
    for (const id of draft.pending) {
      const answer = draft.answers[id];
      if (answer) merged[id] = answer;
    }
    return merged;
  });
  const pending = useRef(new Set(readDraft(source.draftKey).pending));
  const answersRef = useRef(answers);
  const [state, setState] = useState<SyncState>(pending.current.size ? 'offline' : 'saved');
  const [lastError, setLastError] = useState<ApiError | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refused = useRef(onRefused);
  refused.current = onRefused;

  const persist = useCallback(() => {
    writeDraft(source.draftKey, { answers: answersRef.current, pending: [...pending.current] });
  }, [source.draftKey]);

  const send = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    if (pending.current.size === 0) {
      setState('saved');
      return true;
    }
    const ids = [...pending.current];
    const sent = new Map(ids.map((id) => [id, answersRef.current[id]]));
    const body: AuditAnswerInput[] = ids.map((criterionId) => ({
      criterionId,
      value: sent.get(criterionId)?.value ?? null,
      note: sent.get(criterionId)?.note ?? '',
    }));
    setState('saving');
    const run = (async () => {
      try {
        await source.saveAnswers(body);
        // An answer changed again while the request was out stays pending.
        for (const id of ids) if (answersRef.current[id] === sent.get(id)) pending.current.delete(id);
        persist();
        setLastError(null);
        setState(pending.current.size ? 'saving' : 'saved');
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0 && error.status < 500) {
          setLastError(error);
          setState('failed');
          refused.current(error);
        } else setState('offline');
        return false;
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [source, persist]);

  const schedule = useCallback(
    (ms: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void send().then((ok) => {
          if (!ok && pending.current.size) schedule(RETRY_MS);
          else if (pending.current.size) schedule(DEBOUNCE_MS);
        });
      }, ms);
    },
    [send],
  );

  const set = useCallback(
    (criterionId: string, change: Partial<DraftAnswer>) => {
      const current = answersRef.current[criterionId] ?? { value: null, note: '' };
      const next = { ...answersRef.current, [criterionId]: { ...current, ...change } };
      answersRef.current = next;
      setAnswers(next);
      pending.current.add(criterionId);
      persist();
      schedule(DEBOUNCE_MS);
    },
    [persist, schedule],
  );

  // Back online: send at once. Anything left from an earlier visit goes out on opening.
  useEffect(() => {
    const online = () => schedule(0);
    window.addEventListener('online', online);
    if (pending.current.size) schedule(0);
    return () => {
      window.removeEventListener('online', online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [schedule]);

  /** Sends what waits now; true when nothing waits any more. */
  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const ok = await send();
    if (!ok && pending.current.size) schedule(RETRY_MS);
    return ok && pending.current.size === 0;
  }, [send, schedule]);

  return { answers, set, state, lastError, flush };
}
