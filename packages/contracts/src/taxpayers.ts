/** e.firma expiring in fewer days than this is flagged (`expiresSoon`). */
export const EFIRMA_EXPIRY_WARNING_DAYS = 30;
