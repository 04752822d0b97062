// Orders names as people read them: numbers by value, so "photo 2" comes before "photo 10".
// One collator for all calls: `a.localeCompare(b, 'en', { numeric: true })` gives the same
// order but builds a collator on every call, which took a third of a second to sort a studio
// of 10,000 images (scripts/bench-dataset-scale.mjs --profile).

export const naturalOrder: (a: string, b: string) => number = new Intl.Collator('en', {
  numeric: true,
}).compare;
