// How similar an Unsorted face must be to a named person's template (the normalised mean of
// their faces' embeddings, cosine similarity with the pretrained encoder, face and mirror image
// summed) for the studio to suggest that person, and for "Accept suggested" to file it there by
// default. The encoder's similarities are all high (two different people score about 0.85–0.9),
// so the default is strict. Measured leave-one-out on dev-lfw10to19 (cap 20, 1,301 faces of 96
// people, crops aligned as the studio aligns them): at 0.95, 96.6 % of faces are filed with
// their own person, 0.15 % with another, and 4.4 % of faces of people not named yet would be
// filed with someone (0.94: 97.9 %, 0.54 %, 19 %). On ORL's grey, tightly cropped faces a
// stranger reaches 0.95 far more often (85 %): the user sees each suggestion and can undo.

export const SUGGESTION_THRESHOLD = 0.95;
