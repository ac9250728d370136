/**
 * Slots 0…ids.length-1 sorted by one column, ties by id ascending in both directions, exactly as the SQL query
 * orders them (`ORDER BY <column> <dir>, id ASC`): the index's sort orders must page the same rows as SQL.
 */
export function sortSlots(col: ArrayLike<string | number>, ids: readonly string[], dir: 'asc' | 'desc'): Int32Array {
  const sign = dir === 'asc' ? 1 : -1;
  const slots = Array.from({ length: ids.length }, (_, i) => i);
  slots.sort((a, b) => {
    const x = col[a]!;
    const y = col[b]!;
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0;
  });
  return Int32Array.from(slots);
}
