import Foundation

func format(_ duration: Duration) -> String {
    String(format: "%.1f ms", duration / .milliseconds(1))
}
