/**
 * HTML for the public portal. Every interpolated value is escaped unless it is already `SafeHtml`
 * (built by `html` itself or opted out with `raw`). Never concatenate user data into markup by hand.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(input: string): string {
  return input.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

/** Marks a string as already-safe HTML (constants written in code, or output of `html`). */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: `html\`<p>${name}</p>\`` escapes `name`; arrays are rendered item by item and
 * joined; null, undefined and false render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Joins pieces of HTML with a separator (itself escaped unless SafeHtml). */
export function join(items: readonly unknown[], separator: unknown = ''): SafeHtml {
  return new SafeHtml(items.map(render).join(render(separator)));
}
