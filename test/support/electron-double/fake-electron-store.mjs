// electron-store needs a real Electron app; the wiring test only needs something with get/set/delete.
export default class Store {
  constructor() { this.m = new Map(); }
  get(k) { return this.m.get(k); }
  set(k, v) { this.m.set(k, v); }
  delete(k) { this.m.delete(k); }
}
