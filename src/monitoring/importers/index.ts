export { openDataset, detectFormat } from './open.ts';
export { amlsimDataset, readNodesLabels, metadataTypology } from './amlsim.ts';
export { amlsimOutputDataset, readOutputLabels } from './amlsim-output.ts';
export { zhiliCsvDataset, zhiliJsonlDataset, eventFromCsvRow, siblingLabelsFile } from './zhili-events.ts';
export { readLabelsFile } from './labels.ts';
export { SimClock, centsString } from './sim-time.ts';
export { csvRecords, type ReadProgress } from './csv-rows.ts';
export {
  dataFormats,
  type DataFormat,
  type Dataset,
  type Labels,
  type AccountLabel,
  type ImportOptions,
  type Rejected,
} from './types.ts';
