// Owns the one shape clustering results take: groups of row indices, every row in exactly one,
// largest group first, equal sizes in order of their first row, rows ascending within a group.

/** Groups from one cluster id per row (any integers; equal ids share a group). */
export function groupsFromAssignment(assignment: ArrayLike<number>): number[][] {
  const byId = new Map<number, number[]>();
  for (let row = 0; row < assignment.length; row++) {
    const id = assignment[row] as number;
    const group = byId.get(id);
    if (group) group.push(row);
    else byId.set(id, [row]);
  }
  // Rows are visited in order, so every group is ascending and the map is in first-row order;
  // Array.prototype.sort is stable, so equal sizes keep that order.
  return [...byId.values()].sort((x, y) => y.length - x.length);
}
