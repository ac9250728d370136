/** The list with `v` taken out if it is in it, or added at the end if not (a filter chip pressed). */
export function toggled<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}
