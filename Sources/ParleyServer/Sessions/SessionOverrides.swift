import Foundation
import ParleyCore

/// Seed 003's per-session overrides of an agent's settings; only the fields a request gave.
struct SessionOverrides: Codable, Equatable {
    var voiceGender: String?
    var primaryLanguage: String?
    var secondaryLanguage: String?
    var welcomeMessage: String?
    var welcomeInterruptible: Bool?
    var bgNoiseEnabled: Bool?
    var bgNoiseVolume: WholeNumber?
    var voiceSpeed: Double?
    var envFlag: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case voiceGender = "voice_gender"
        case primaryLanguage = "primary_language"
        case secondaryLanguage = "secondary_language"
        case welcomeMessage = "welcome_message"
        case welcomeInterruptible = "welcome_interruptible"
        case bgNoiseEnabled = "bg_noise_enabled"
        case bgNoiseVolume = "bg_noise_volume"
        case voiceSpeed = "voice_speed"
        case envFlag = "env_flag"
    }

    /// Throws a 422 naming the first field out of its documented range.
    func validate() throws(ParleyError) {
        if let voiceGender, !["male", "female"].contains(voiceGender) {
            throw .invalidField("voice_gender", "must be \"male\" or \"female\"")
        }
        if let primaryLanguage, !LanguageTag.isValid(primaryLanguage) {
            throw .invalidField("primary_language", "must be a language tag such as 'en' or 'hi'")
        }
        if let secondaryLanguage, !LanguageTag.isValid(secondaryLanguage) {
            throw .invalidField("secondary_language", "must be a language tag such as 'en' or 'hi'")
        }
        if let welcomeMessage, welcomeMessage.count > 1_000 {
            throw .invalidField("welcome_message", "must be at most 1000 characters")
        }
        if let bgNoiseVolume, !(0...100).contains(bgNoiseVolume.value) {
            throw .invalidField("bg_noise_volume", "must be between 0 and 100")
        }
        if let voiceSpeed, !AgentSettings.voiceSpeedRange.contains(voiceSpeed) {
            throw .invalidField("voice_speed", "must be between 0.6 and 1.4")
        }
        if let envFlag, envFlag.count > 100 {
            throw .invalidField("env_flag", "must be at most 100 characters")
        }
    }

    var isEmpty: Bool { self == SessionOverrides() }
}
