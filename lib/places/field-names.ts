// Names the place picker (a client component) shares with the server. Kept apart from
// ./schema so the browser never downloads zod for a constant (issue #21: page weight).

/** The no-JavaScript picker's button: it sends the form to learn the next list, and saves nothing. */
export const PLACE_STEP = "placeStep";
