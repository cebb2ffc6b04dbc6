import Foundation

/// The messages Parley sends Twilio over a Media Streams WebSocket. The stream id is checked at
/// `start` to be letters and digits (``TwilioStreamStart/isSid(_:)``) and base64 needs no
/// escaping, so the JSON is written directly: one `media` message goes out every 20 ms per call.
enum TwilioStreamMessage {
    /// Audio to play: µ-law 8 kHz, base64.
    static func media(streamSid: String, payload: [UInt8]) -> String {
        #"{"event":"media","streamSid":"\#(streamSid)","media":{"payload":"\#(Data(payload).base64EncodedString())"}}"#
    }

    /// Asks Twilio to say when playback reaches this point (it answers with a `mark` of the name).
    /// Parley's names are digits only.
    static func mark(streamSid: String, name: String) -> String {
        #"{"event":"mark","streamSid":"\#(streamSid)","mark":{"name":"\#(name)"}}"#
    }

    /// Drops every audio message Twilio has not played yet (barge-in).
    static func clear(streamSid: String) -> String {
        #"{"event":"clear","streamSid":"\#(streamSid)"}"#
    }
}
