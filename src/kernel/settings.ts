/**
 * What a domain declares its settings with (`Domain.settings`), from the shared configuration
 * (src/config/settings.ts), which reads them: domains take their contract from the kernel.
 */
export {
  ConfigError,
  type Env,
  type Setting,
  type SettingsDeclaration,
  areaRate,
  choice,
  optional,
  parseUrl,
  wholeNumber,
} from '../config/settings';
