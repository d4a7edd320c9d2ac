/** The BullMQ queue all servers enqueue to and all workers take from. */
export const RUN_QUEUE = 'tailor-runs';
/** Bus channel on which a server asks whichever worker holds a run to cancel it. */
export const CANCEL_CHANNEL = 'cancel';
