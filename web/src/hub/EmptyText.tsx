import { Typography } from 'antd';

/** An empty table's text in the theme's secondary colour (Ant Design's own placeholder grey fails WCAG AA). */
export function EmptyText({ children }: { children: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
