import QueueIcon from '@mui/icons-material/PendingActions';
import type { ComplaintView } from '../../../types';
import { ComplaintQueueList } from './ComplaintQueueList';

/** 我的待办: a read-only list of complaints; rows open the complaint's own page. */
export default {
  list: ComplaintQueueList,
  icon: QueueIcon,
  recordRepresentation: (record: ComplaintView) => record.reference,
};
