// What a failed call says to the person, in the UI language. The server writes its problem details in English (a known
// gap); shown bare, they put English sentences into the Vietnamese screens. Here a translated lead says what kind of
// failure it was, and the server's own detail follows, marked as the server's words, so staff can still quote it.
import { ApiError } from '../api/client';
import { t, type MessageKey } from '../i18n';

function leadKey(status: number): MessageKey {
  if (status === 0) return 'problem.network';
  if (status === 401) return 'problem.signedOut';
  if (status === 403) return 'problem.forbidden';
  if (status === 404) return 'problem.notFound';
  if (status === 409) return 'problem.conflict';
  if (status === 400 || status === 422) return 'problem.invalid';
  if (status === 503) return 'problem.unavailable';
  return 'problem.failed';
}

/** "<what went wrong, translated> Server: “<its detail>”" for an API failure; the text of any other error. */
export function problemText(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  const lead = t(leadKey(e.status), { status: e.status });
  // A 403's detail only repeats the lead ("Your roles do not allow this action."); a network failure's is the browser's.
  if (e.status === 403 || e.status === 0) return lead;
  const detail = e.problem.detail ?? e.problem.title;
  return detail ? `${lead} ${t('problem.serverSays', { detail })}` : lead;
}
