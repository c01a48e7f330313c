import { useCallback, useState } from 'react';
import { branchIds, type TreeNode } from './unitTree';

/** Levels shown open when the page loads: the province and the district/town level. */
const OPEN_DEPTH = 2;

/** Which branches are open: open by default down to OPEN_DEPTH, then whatever the user chose. */
export function useTreeExpansion(tree: TreeNode[]) {
  const [overrides, setOverrides] = useState<Map<number, boolean>>(new Map());

  const isExpanded = useCallback(
    (node: TreeNode) => overrides.get(node.unit.id) ?? node.depth < OPEN_DEPTH,
    [overrides],
  );

  const toggle = useCallback(
    (node: TreeNode) =>
      setOverrides((prev) => new Map(prev).set(node.unit.id, !(prev.get(node.unit.id) ?? node.depth < OPEN_DEPTH))),
    [],
  );

  const setAll = useCallback((open: boolean) => setOverrides(new Map(branchIds(tree).map((id) => [id, open]))), [tree]);

  return { isExpanded, toggle, setAll };
}
