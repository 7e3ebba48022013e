// The error family, on the ground floor: `http`, `auth`, `api`, `bulk` and `display` all import it from here.
export { TiError, isTiError, attemptsNote, type Attempts, type RequestContext } from "./base.js";
export { HttpError, QuotaExceededError, RateLimitedError, NetworkError, TimeoutError } from "./http.js";
export {
  AuthError,
  ValidationError,
  ConfigurationError,
  BulkUploadError,
  AbortedError,
  type FieldViolation,
} from "./client.js";
