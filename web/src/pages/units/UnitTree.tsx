import type { Unit } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';
import { UnitRow, type UnitActions } from './UnitRow';
import { hasEnded, type TreeNode } from './unitTree';

interface Props {
  nodes: TreeNode[];
  byId: Map<number, Unit>;
  today: string;
  isExpanded: (node: TreeNode) => boolean;
  onToggle: (node: TreeNode) => void;
  actions: UnitActions;
}

/** The organisation chart as nested lists; each branch opens and closes with its chevron button. */
export function UnitTree(props: Props) {
  const t = useT();
  return (
    <ul className="unit-tree" aria-label={t('units.treeLabel')} data-testid="unit-tree">
      <Branch {...props} />
    </ul>
  );
}

function Branch({ nodes, byId, today, isExpanded, onToggle, actions }: Props) {
  return (
    <>
      {nodes.map((node) => {
        const { unit } = node;
        const expanded = isExpanded(node);
        const childrenId = `unit-children-${unit.id}`;
        return (
          <li key={unit.id}>
            <UnitRow
              unit={unit}
              ended={hasEnded(unit, today)}
              successor={unit.successorId === null ? undefined : byId.get(unit.successorId)}
              actions={actions}
              toggle={node.children.length ? { expanded, onToggle: () => onToggle(node), controls: childrenId } : undefined}
            />
            {node.children.length > 0 && expanded && (
              <ul id={childrenId}>
                <Branch nodes={node.children} byId={byId} today={today} isExpanded={isExpanded} onToggle={onToggle} actions={actions} />
              </ul>
            )}
          </li>
        );
      })}
    </>
  );
}
