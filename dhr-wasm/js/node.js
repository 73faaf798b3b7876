// Node's ES module entry: import { assess } from "dhr-wasm". The same
// instance as require("dhr-wasm") (one module, one DhrError class).
import api from "./node.cjs";

export const {
  init,
  assess,
  assessPlain,
  assessMany,
  status,
  statusPlain,
  plainDate,
  referralReview,
  ruleSets,
  Review,
  addMonths,
  addWorkingDays,
  isWorkingDay,
  ruleSet,
  headlines,
  marks,
  DhrError,
} = api;
export default api;
