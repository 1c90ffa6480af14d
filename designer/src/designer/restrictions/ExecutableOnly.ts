// Palette and replace menu offer only what the engine executes (docs/engine.md "Supported elements"; the engine's
// DefinitionValidator refuses the rest at deployment with the element's id and type). Kept in step with it by hand:
// a model drawn here must never fail deployment just because the menu offered an element.

/** Replace-menu entries (bpmn-js PopupEntries ids) of elements the engine refuses. */
export const REFUSED_REPLACEMENTS: ReadonlySet<string> = new Set([
  'transaction', 'event-subprocess', 'collapsed-ad-hoc-subprocess', 'expanded-ad-hoc-subprocess', 'complex-gateway',
  'data-store-reference', 'data-object-reference', 'none-boundary-event',
  'conditional-start', 'signal-start', 'error-start', 'escalation-start', 'compensation-start',
  'non-interrupting-message-start', 'non-interrupting-timer-start', 'non-interrupting-conditional-start',
  'non-interrupting-signal-start', 'non-interrupting-escalation-start',
  'escalation-intermediate-throw', 'compensation-intermediate-throw', 'signal-intermediate-catch',
  'escalation-boundary', 'conditional-boundary', 'cancel-boundary', 'signal-boundary', 'compensation-boundary',
  'non-interrupting-escalation-boundary', 'non-interrupting-conditional-boundary', 'non-interrupting-signal-boundary',
  'escalation-end', 'cancel-end', 'compensation-end',
]);

/** Palette tools that create elements the engine does not run (data objects, stores and groups carry no behaviour). */
export const REFUSED_PALETTE: ReadonlySet<string> = new Set(['create.data-object', 'create.data-store', 'create.group']);

type Entries = Record<string, unknown>;

interface PopupMenu { registerProvider(id: string, priority: number, provider: object): void }
interface Palette { registerProvider(priority: number, provider: object): void }

/** Removes refused entries from the replace menu and the palette (runs after bpmn-js's own providers). */
export class ExecutableOnly {
  static $inject = ['popupMenu', 'palette'];

  constructor(popupMenu: PopupMenu, palette: Palette) {
    popupMenu.registerProvider('bpmn-replace', 100, {
      getPopupMenuEntries: () => (entries: Entries) => filter(entries, (id) => !REFUSED_REPLACEMENTS.has(id.replace(/^replace-with-/, ''))),
    });
    palette.registerProvider(100, {
      getPaletteEntries: () => (entries: Entries) => filter(entries, (id) => !REFUSED_PALETTE.has(id)),
    });
  }
}

function filter(entries: Entries, keep: (id: string) => boolean): Entries {
  const out: Entries = {};
  for (const [id, entry] of Object.entries(entries)) if (keep(id)) out[id] = entry;
  return out;
}
