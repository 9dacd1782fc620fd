const RANK: Readonly<Record<string, number>> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
  ServiceAccount: 2,
  Role: 3,
  ClusterRole: 3,
  RoleBinding: 4,
  ClusterRoleBinding: 4,
  Secret: 5,
  ConfigMap: 6,
  PersistentVolumeClaim: 7,
  Service: 8,
};

/** SPEC §2.3 apply order; a stable sort, so ties keep stencil path and document order. */
export function applyOrder<T>(items: readonly T[], kindOf: (item: T) => unknown): T[] {
  return items
    .map((item, i) => ({ item, i, rank: RANK[String(kindOf(item))] ?? 9 }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.item);
}
