import { Tag } from 'antd';
import { tone } from '../../lib/tone.ts';
import { levelTone } from './suitability-commands.ts';

/** An investor category (C1–C5) or a product risk level (R1–R5). */
export function LevelTag({ level }: { level: string }) {
  return <Tag color={tone[levelTone(level)]}>{level}</Tag>;
}
