/** Union-find over an Int32Array of parents (each entry starts as its own index). */

/** The root of `a`, halving the path on the way. */
export function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]!]!;
    a = parent[a]!;
  }
  return a;
}

/** Join the sets of `a` and `b` under the smaller root. */
export function unite(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
}
