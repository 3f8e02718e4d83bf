import { Box, Tooltip } from '@mui/material';
import { useEffect, useReducer } from 'react';
import { useRecordContext } from 'react-admin';
import { API_URL, httpClient } from '../providers/http-client';
import type { PersonView } from '../types';

/**
 * People by id (`GET /api/users/names`), batched: every id asked for within one tick goes
 * out in one request, and each answer is cached for the session (names change rarely).
 */
const BATCH_MAX = 100;
let queued = new Map<string, { resolve: (p: PersonView | null) => void; reject: (e: unknown) => void }[]>();
let scheduled = false;

async function flush() {
  scheduled = false;
  const batch = queued;
  queued = new Map();
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += BATCH_MAX) {
    const chunk = ids.slice(i, i + BATCH_MAX);
    try {
      const { json } = await httpClient(`${API_URL}/users/names?ids=${chunk.map(encodeURIComponent).join(',')}`);
      const found = new Map((json as PersonView[]).map((p) => [p.id, p]));
      for (const id of chunk) for (const w of batch.get(id) ?? []) w.resolve(found.get(id) ?? null);
    } catch (error) {
      for (const id of chunk) for (const w of batch.get(id) ?? []) w.reject(error);
    }
  }
}

function enqueue(id: string): Promise<PersonView | null> {
  return new Promise((resolve, reject) => {
    const waiting = queued.get(id) ?? [];
    waiting.push({ resolve, reject });
    queued.set(id, waiting);
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  });
}

const known = new Map<string, PersonView | null>();
const inflight = new Map<string, Promise<PersonView | null>>();

/** One person by id, from the cache or the next batch; a failed lookup is not cached (the next render asks again). */
export function loadPerson(id: string): Promise<PersonView | null> {
  if (known.has(id)) return Promise.resolve(known.get(id)!);
  let pending = inflight.get(id);
  if (!pending) {
    pending = enqueue(id).then(
      (p) => {
        known.set(id, p);
        inflight.delete(id);
        return p;
      },
      (e: unknown) => {
        inflight.delete(id);
        throw e;
      },
    );
    inflight.set(id, pending);
  }
  return pending;
}

/** The person behind a user id: display name and unit, once loaded. */
export function usePerson(id: string | null | undefined): { person: PersonView | null | undefined; loading: boolean; failed: boolean } {
  const [failures, fail] = useReducer((n: number) => n + 1, 0);
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!id || known.has(id)) return undefined;
    let alive = true;
    loadPerson(id).then(
      () => alive && loaded(),
      () => alive && fail(),
    );
    return () => {
      alive = false;
    };
  }, [id]);
  const person = id ? known.get(id) : undefined;
  return { person, loading: !!id && !known.has(id) && failures === 0, failed: failures > 0 };
}

/** "李处理 · 资阳分行" (or without the unit); the login id only as a last resort for a deleted account. */
export function personLabel(person: PersonView | null | undefined, fallback?: string | null, withUnit = true): string {
  if (person) return withUnit && person.orgUnitName ? `${person.displayName} · ${person.orgUnitName}` : person.displayName;
  return fallback ?? '';
}

interface PersonNameProps {
  id: string | null | undefined;
  /** Shown only if the id names nobody (a removed account). */
  fallback?: string | null;
  withUnit?: boolean;
  empty?: string;
}

/**
 * A person as staff know them: display name and unit ("李处理 · 资阳分行"), the login id in the
 * tooltip. Used wherever a person appears (handler, 首问责任人, timeline, audit log, files).
 */
export function PersonName({ id, fallback, withUnit = true, empty = '—' }: PersonNameProps) {
  const { person, loading } = usePerson(id);
  if (!id) return <>{fallback ?? empty}</>;
  if (loading) return <Box component="span" sx={{ color: 'text.disabled' }}>…</Box>;
  const text = personLabel(person, fallback ?? empty, withUnit);
  return (
    <Tooltip title={person?.username ?? ''} disableHoverListener={!person}>
      <Box component="span" data-testid="person-name" sx={{ whiteSpace: 'nowrap' }}>
        {text}
      </Box>
    </Tooltip>
  );
}

/** PersonName for a record field holding a user id (`source`), e.g. in a DataTable column or a Labeled show field. */
export function PersonField({ source, fallbackSource, withUnit = true }: { source: string; fallbackSource?: string; label?: string; withUnit?: boolean }) {
  const record = useRecordContext();
  if (!record) return null;
  const at = (path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record) as string | null | undefined;
  return <PersonName id={at(source)} fallback={fallbackSource ? at(fallbackSource) : undefined} withUnit={withUnit} />;
}
