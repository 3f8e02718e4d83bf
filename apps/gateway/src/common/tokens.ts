export const JETSTREAM = Symbol('JETSTREAM');
export const LOGGER = Symbol('LOGGER');
