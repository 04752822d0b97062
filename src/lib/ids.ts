// Identifiers for stored records: random, URL-safe, sortable enough to read in a debugger.

export function newId(prefix: string): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}_${Date.now().toString(36)}${Array.from(random, (n) => n.toString(36)).join('')}`;
}
