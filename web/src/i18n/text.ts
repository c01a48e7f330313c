/** Vietnamese text helpers for client-side filtering: "hoa vinh" matches "Hòa Vinh". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function matchesFolded(haystack: string, query: string): boolean {
  const words = foldVietnamese(query).split(/\s+/).filter(Boolean);
  const target = foldVietnamese(haystack);
  return words.every((w) => target.includes(w));
}
