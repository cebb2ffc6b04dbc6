import Foundation

/// One message Twilio sends over a Media Streams WebSocket (JSON text frames).
enum TwilioStreamEvent: Sendable, Equatable {
    /// The socket is open; nothing about the call yet.
    case connected
    /// The stream's metadata, before any audio.
    case start(TwilioStreamStart)
    /// 20 ms of the caller's audio, µ-law 8 kHz.
    case media([UInt8])
    /// The caller pressed a key.
    case dtmf(String)
    /// Twilio played the outbound audio up to the mark of this name.
    case mark(String)
    /// The call ended or the stream was stopped.
    case stop
    /// A message that is not one of the above, or not well formed: ignored.
    case unreadable(String)

    init(text: String) {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(text.utf8)) else {
            self = .unreadable("not a Media Streams message")
            return
        }
        switch wire.event {
        case "connected":
            self = .connected
        case "start":
            guard let start = wire.start, let streamSid = wire.streamSid ?? start.streamSid, TwilioStreamStart.isSid(streamSid) else {
                self = .unreadable("start without a stream id")
                return
            }
            self = .start(TwilioStreamStart(
                streamSid: streamSid, callSid: start.callSid, accountSid: start.accountSid,
                encoding: start.mediaFormat?.encoding, sampleRate: start.mediaFormat?.sampleRate,
                customParameters: start.customParameters ?? [:]
            ))
        case "media":
            guard let payload = wire.media?.payload, let bytes = Data(base64Encoded: payload) else {
                self = .unreadable("media without a base64 payload")
                return
            }
            // Only the caller's side: a stream of both tracks also carries the agent's own audio.
            guard (wire.media?.track ?? "inbound") == "inbound" else {
                self = .unreadable("outbound track")
                return
            }
            self = .media(Array(bytes))
        case "dtmf":
            guard let digit = wire.dtmf?.digit, digit.count == 1, "0123456789*#ABCD".contains(digit) else {
                self = .unreadable("dtmf without a key")
                return
            }
            self = .dtmf(digit)
        case "mark":
            self = wire.mark.map { .mark($0.name) } ?? .unreadable("mark without a name")
        case "stop":
            self = .stop
        default:
            self = .unreadable("unknown event '\(wire.event)'")
        }
    }

    private struct Wire: Decodable {
        struct Start: Decodable {
            struct MediaFormat: Decodable {
                var encoding: String?
                var sampleRate: Int?
            }

            var streamSid: String?
            var callSid: String?
            var accountSid: String?
            var mediaFormat: MediaFormat?
            var customParameters: [String: String]?
        }

        struct Media: Decodable {
            var track: String?
            var payload: String?
        }

        struct DTMF: Decodable { var digit: String }
        struct Mark: Decodable { var name: String }

        var event: String
        var streamSid: String?
        var start: Start?
        var media: Media?
        var dtmf: DTMF?
        var mark: Mark?
    }
}
