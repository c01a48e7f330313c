import { Tooltip, type TooltipProps } from '@mantine/core';
import { useRef, useState, type CSSProperties, type ReactNode } from 'react';

type Props = Omit<TooltipProps, 'children' | 'target' | 'opened' | 'events'> & {
  children: ReactNode;
  /** 0: the trigger is a tab stop and the tooltip opens on keyboard focus too. */
  tabIndex?: number;
  className?: string;
  style?: CSSProperties;
  'data-testid'?: string;
};

/**
 * A tooltip around `children` (wrapped in a span) that is only built when first wanted: pointer over
 * it, keyboard focus, touch. Tables of a hundred tasks carry several hundred tooltips; building each
 * one's portal up front made the review screen take seconds to appear. The span stays the same
 * element throughout, so keyboard focus is never lost when the tooltip is built.
 */
export function LazyTooltip({ children, tabIndex, className, style, 'data-testid': testId, ...props }: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const [built, setBuilt] = useState(false);
  const [opened, setOpened] = useState(false);
  const show = () => {
    setBuilt(true);
    setOpened(true);
  };
  const hide = () => setOpened(false);
  return (
    <>
      <span
        ref={ref}
        tabIndex={tabIndex}
        className={className}
        style={{ display: 'inline-flex', maxWidth: '100%', ...style }}
        data-testid={testId}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
        onTouchStart={show}
      >
        {children}
      </span>
      {built && <Tooltip {...props} target={ref} opened={opened} />}
    </>
  );
}
