/**
 * Where the API lives (the gateway serves the console and the API on one origin). A leaf
 * module on purpose: http-client imports the i18n provider (for localised server errors),
 * which imports every module, some of which import the data provider; were API_URL
 * declared in http-client, the data provider could be built inside that import cycle
 * before API_URL had a value, and every react-admin request would go to
 * "undefined/<resource>" (the console's own index.html).
 */
export const API_URL = '/api';
