// Tag colours dark enough for white text to meet WCAG AA contrast (Ant Design's light presets do not).
export const tone = {
  green: '#237804',
  orange: '#ad4e00',
  red: '#a8071a',
  blue: '#0050b3',
  geekblue: '#1d39c4',
  volcano: '#ad2102',
  purple: '#531dab',
  magenta: '#9e1068',
  cyan: '#006d75',
  default: undefined,
  gray: undefined,
} as const;
export type Tone = keyof typeof tone;
