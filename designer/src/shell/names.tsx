// People and calendars as a clerk and a citizen read them: the display name first, the technical value (user name,
// calendar@version) kept as a tooltip and a small second line, because an audit still needs it.
import type { CalendarLabel } from '../api/types';
import { lang } from '../i18n';

/** A person the server names by user name, shown by display name when the account has one. */
export function Person({ user, display }: { user: string | null | undefined; display?: string | null }) {
  if (!user) return null;
  if (!display || display === user) return <span class="person">{user}</span>;
  return (
    <span class="person" title={user}>
      {display}
      <span class="person-user mono small muted"> {user}</span>
    </span>
  );
}

/** What a person is called, for plain text (print signatures, lists): the display name, else the user name. */
export function personName(user: string | null | undefined, display?: string | null): string {
  return display || user || '';
}

/** A business calendar by its name in the page's language, the recorded name@version as the detail. */
export function calendarName(label: CalendarLabel | null | undefined, recorded: string | null | undefined): string {
  if (label) return lang() === 'en' ? label.displayNameEn : label.displayName;
  return recorded ?? '';
}

export function CalendarName({ label, recorded }: { label?: CalendarLabel | null; recorded: string | null | undefined }) {
  if (!recorded && !label) return null;
  const detail = label ? `${label.name}@${label.version}` : recorded ?? '';
  return (
    <span class="calendar-name" title={detail} data-testid="calendar-name">
      {calendarName(label, recorded)}
      {label && <span class="mono small muted"> {detail}</span>}
    </span>
  );
}
