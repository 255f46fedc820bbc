extension Money {
    /// Reads an amount in major units of `currency`: `"1234.5"` → 123450 EUR minor units, `"-12"`, `"1,234.50"`
    /// (commas between groups of three), optionally led by the currency code (`"EUR 1,234.50"`, what
    /// ``formatted`` writes). More fraction digits than the currency has is an error, not a silent rounding;
    /// anything else that is not an amount is an `invalid_amount` error that quotes the text.
    public init(parsing text: String, currency: Currency) throws(MoneyError) {
        let invalid = { (why: String) in
            MoneyError(code: "invalid_amount", message: "\"\(text)\" is not an amount of \(currency.code): \(why)")
        }
        var body = Substring(text.trimmingWhitespace)
        if body.uppercased().hasPrefix(currency.code) {
            body = body.dropFirst(3).drop { $0 == " " }
        } else if let first = body.first, first.isLetter {
            throw invalid("it does not start with \(currency.code) or a number")
        }
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw invalid("more than one decimal point") }
        let wholeText = parts[0]
        let fractionText = parts.count == 2 ? parts[1] : ""
        guard !wholeText.isEmpty || !fractionText.isEmpty else { throw invalid("no digits") }
        if wholeText.contains(",") {
            let groups = wholeText.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw invalid("commas must separate groups of three digits") }
        }
        let wholeDigits = wholeText.filter { $0 != "," }
        guard wholeDigits.allSatisfy(\.isASCIIDigit), fractionText.allSatisfy(\.isASCIIDigit)
        else { throw invalid("only digits, one decimal point and thousands commas may follow the sign") }
        let digits = currency.minorUnitDigits
        guard fractionText.count <= digits else {
            throw invalid("\(currency.code) has \(digits) decimal place\(digits == 1 ? "" : "s")")
        }
        let allDigits = wholeDigits + fractionText + String(repeating: "0", count: digits - fractionText.count)
        var units: Int64 = 0
        for ch in allDigits {
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(ch.asciiValue! - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw MoneyError.overflow("\"\(text)\"") }
            units = next
        }
        self.init(minorUnits: negative ? -units : units, currency: currency)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
