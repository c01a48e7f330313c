import { GOVERNMENT_KINDS, type UnitNode } from './unit.js';

/** An in-memory view of the unit tree, built once per request from (id, parentId, kind). */
export class UnitTree {
  private readonly byId = new Map<number, UnitNode>();
  private readonly children = new Map<number, number[]>();

  constructor(nodes: readonly UnitNode[]) {
    for (const n of nodes) this.byId.set(n.id, n);
    for (const n of nodes) {
      if (n.parentId === null || !this.byId.has(n.parentId)) continue;
      const list = this.children.get(n.parentId) ?? [];
      list.push(n.id);
      this.children.set(n.parentId, list);
    }
  }

  get(id: number): UnitNode | undefined {
    return this.byId.get(id);
  }

  /** The unit and every unit below it. */
  subtree(rootId: number): Set<number> {
    const out = new Set<number>();
    const stack = [rootId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id) || !this.byId.has(id)) continue;
      out.add(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return out;
  }

  /** Ancestors from the parent upwards; stops on a cycle rather than looping. */
  ancestors(id: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>([id]);
    let current = this.byId.get(id)?.parentId ?? null;
    while (current !== null && !seen.has(current)) {
      out.push(current);
      seen.add(current);
      current = this.byId.get(current)?.parentId ?? null;
    }
    return out;
  }

  /**
   * The government a unit belongs to: itself when it is a level of government, else the
   * nearest such ancestor. Phòng Nội vụ coordinates for UBND thị xã, not only for itself.
   */
  governmentOf(id: number): number | null {
    const node = this.byId.get(id);
    if (!node) return null;
    if (GOVERNMENT_KINDS.has(node.kind)) return id;
    for (const a of this.ancestors(id)) {
      const n = this.byId.get(a);
      if (n && GOVERNMENT_KINDS.has(n.kind)) return a;
    }
    return null;
  }

  /** Would making `parentId` the parent of `id` close a loop? */
  wouldCycle(id: number, parentId: number | null): boolean {
    if (parentId === null) return false;
    if (parentId === id) return true;
    return this.ancestors(parentId).includes(id);
  }
}
