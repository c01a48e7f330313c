import { formatVi } from '../../domain/schedule/calendar.js';
import { vnDate } from '../../domain/time.js';
import { html, type SafeHtml } from './html.js';

/** YYYY-MM-DD → dd/mm/yyyy; '' for null. */
export function dateVi(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? formatVi(iso.slice(0, 10)) : '';
}

/** A UTC instant → its date in Vietnam, dd/mm/yyyy. */
export function instantDateVi(instant: string | null | undefined): string {
  if (!instant) return '';
  const t = Date.parse(instant);
  return Number.isNaN(t) ? '' : formatVi(vnDate(new Date(t)));
}

/** A <time> element for a date (YYYY-MM-DD), shown dd/mm/yyyy. */
export function timeTag(iso: string | null | undefined): SafeHtml {
  const shown = dateVi(iso);
  return shown ? html`<time datetime="${iso!.slice(0, 10)}">${shown}</time>` : html``;
}

/** A <time> element for a UTC instant, shown as its Vietnam date. */
export function instantTag(instant: string | null | undefined): SafeHtml {
  const shown = instantDateVi(instant);
  return shown ? html`<time datetime="${instant}">${shown}</time>` : html``;
}

/** "42%" (rounded down, so 99.6% is not shown as done), or "—". */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.floor(share * 100)}%`;
}

/** Cuts long text at a word boundary with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** CSS class of a status tag (colour plus the text itself: never colour alone). */
export function statusClass(code: string): string {
  if (code === 'done' || code === 'done_late') return 'st-done';
  if (code === 'overdue' || code === 'blocked') return 'st-late';
  if (code === 'in_progress') return 'st-progress';
  return 'st-none';
}

export function statusTag(status: { code: string; label: string }): SafeHtml {
  return html`<span class="tag ${statusClass(status.code)}">${status.label}</span>`;
}

/** A progress bar with its value in text (the bar is decoration). */
export function progressBar(share: number | null, label: string): SafeHtml {
  const width = share === null ? 0 : Math.max(0, Math.min(100, Math.floor(share * 100)));
  return html`<div class="bar" aria-hidden="true"><span style="width:${String(width)}%"></span></div><p class="small">${label}</p>`;
}
