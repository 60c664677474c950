// The droplets session snippet as an ES module. droplets-session.js is a classic script
// (so that a plain <script> tag works); imported for its effect, it defines
// globalThis.dropletsSession, re-exported here.
import './droplets-session.js';

const api = globalThis.dropletsSession;
export const install = api.install;
export const DEFAULTS = api.DEFAULTS;
export default api;
