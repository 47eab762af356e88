/**
 * Frequently leaked passwords (the head of public breach lists, with the years and keyboard walks
 * people use to reach a minimum length). Kept in the code so the check needs no network.
 */
export const COMMON_PASSWORDS: readonly string[] = `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football
monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster
soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars
klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass
maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew
access yankees 987654321 dallas austin thunder taylor matrix mobilemail mom monitor monitoring montana moon
moscow william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer silver 222222
88888888 anthony justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 golfer cookie richard
samantha bigdog guitar jackson whatever mickey chicken sparky snoopy maverick phoenix camaro peanut morgan
welcome falcon cowboy ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa
boomer booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234
compaq purple hardcore banana junior hannah 123654 porsche lakers iceman money cowboys 987654 london tennis
999999 ncc1701 coffee scooby 0000 miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward
333333 oliver redsox player nikita knight fender barney midnight please brandy chicago badboy slayer rangers
charles angel flower bigdaddy rabbit wizard bigdick jasper enter rachel chris steven winner adidas victoria
natasha 1q2w3e4r jasmine winter prince panties marine ghbdtn fishing cocacola casper james 232323 raiders
888888 marlboro gandalf asdfasdf crystal 87654321 12344321 golden 8675309 panther lauren angela thx1138 angels
madison winston shannon mike toyota jordan23 canada sophie apples tiger zxcvbnm123 qwerty123 qwertyuiop123
password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word pa55w0rd password!
letmein123 welcome1 welcome123 admin admin123 administrator root toor changeme changeme123 default guest login
login123 master123 abc12345 abcd1234 abcdef abcdefg abcdefgh abcdefghijkl iloveyou1 iloveyou123 sunshine1
princess1 football1 baseball1 monkey123 dragon123 shadow123 superman123 batman123 starwars123 pokemon pikachu
minecraft fortnite roblox naruto onepiece dragonball spiderman ironman avengers harrypotter hogwarts
gryffindor frodo gandalf123 skywalker darthvader yoda chewbacca qwertyuiopasdfghjkl asdfghjkl asdfghjkl123
zxcvbnmasdfghjkl 1qaz2wsx3edc 1qaz2wsx3edc4rfv qazwsxedc qazwsxedcrfv zaq12wsx zaq1zaq1 1q2w3e4r5t
1q2w3e4r5t6y 1q2w3e4r5t6y7u8i 1q2w3e 123qweasd 123qweasdzxc qweasdzxc qweasd asdzxc zxcasdqwe qwe123 qwe123qwe
qwerty1 qwerty12 qwerty1234 qwertyui qwertyu azerty azerty123 azertyuiop qwertz qwertz123 1234abcd a1b2c3d4
a1b2c3 abc123456 aa123456 a123456 a12345678 123456a 123456q 123abc 1234asdf asdf1234 asdf123 asd123 zxc123
zxcv1234 000000000000 111111111111 123456123456 123412341234 121212121212 112233445566 147258369 147258 159357
258456 741852963 963852741 789456123 789456 456123 321654 135790 246810 13579 24680 password2 passwordpassword
letmeinnow opensesame secret123 secretpassword topsecret mypassword mypass mypassword1 yourpassword
thisismypassword nopassword blahblah whatever1 anything something nothing everything iloveu loveyou lovely
lover loveme love123 iloveme ihateyou fuckyou fuckoff asshole bitch shit pussy sexy sexygirl hottie babygirl
babyboy baby princesa amor teamo tequiero contraseña contrasena senha motdepasse passwort hallo hallo123
schatz ciao bonjour soleil chocolate chocolat cheese123 pizza pizza123 cookies cupcake butterfly flower123
rainbow sunflower starlight moonlight sunrise sunset blue123 red123 green purple123 orange123 yellow123
silver123 golden123 diamond123 crystal123 angel123 angel1 devil hell heaven god jesus jesus1 christ blessed
faith hope grace trinity genesis matrix123 neo zion morpheus hacker h4x0r hacked cracker security security1
letmein1 access123 access14 accessdenied system system123 server server123 database oracle mysql postgres
postgresql redis docker kubernetes linux ubuntu debian windows windows10 microsoft apple apple123 iphone
android google google123 facebook twitter instagram youtube linkedin amazon netflix spotify yahoo hotmail
gmail outlook skype whatsapp telegram samsung123 nokia sony dell lenovo toshiba compaq123 intel nvidia company
company123 business office office123 work work123 school school123 student teacher college university
summer2023 summer2024 summer2025 winter2023 winter2024 winter2025 spring2024 autumn2024 fall2024 january
february march april may june july august september october november december monday tuesday friday sunday
weekend holiday christmas newyear halloween birthday happy happy123 happybirthday smile friends family
family123 mother123 father mommy daddy sister brother baby123 kids children wife husband married wedding
darling honey sweetheart sweetie cutie beautiful pretty handsome gorgeous sexy123 killer123 ninja samurai
warrior soldier army navy marines military police fireman doctor nurse lawyer pilot captain commander general
major colonel sergeant private hunter123 fisher fishing1 hunting golf golf123 tennis123 soccer123 football123
basketball volleyball hockey123 baseball123 cricket rugby boxing wrestling racing nascar123 ferrari123
porsche123 mercedes123 bmw audi honda toyota123 nissan mazda ford chevy dodge jeep harley123 yamaha123 suzuki
kawasaki ducati bentley jaguar lamborghini bugatti tesla mustang123 corvette123 camaro123 viper cobra eagle
eagles1 falcon123 hawk raven phoenix123 dragon1 tiger123 lion lionking panther123 leopard wolf wolves fox bear
bears bigbear teddy teddybear puppy kitten kitty hellokitty doggy doggie dog cat catdog horse pony unicorn
dolphin shark whale monkey1 donkey chicken123 turtle snake spider123 scorpion bulldog123 rottweiler labrador
poodle buster123 max123 charlie123 bailey123 rocky rocky123 lucky lucky123 lucky7 lucky13 seven seven7 eleven
thirteen twenty hundred million billion trillion infinity zero zero123 one1 number1 numberone first second
third winner123 champion champ legend legendary hero superhero batman1 joker catwoman wonderwoman flash hulk
thor loki captainamerica deadpool wolverine xmen pokemon123 mario luigi zelda link sonic pacman tetris doom
quake halo warcraft starcraft diablo123 counterstrike callofduty fifa gta minecraft123 letmein12 welcome12
welcome2024 welcome2025 password2023 password2024 password2025 spring summer123 winter123 master1 qwerty7
qwerty11 qwerty777 1q2w3e4r5 123456789a 123456789q 12345678910 1234567891 12345678901 123456789012
1234567890123 01234567890 0123456789 9876543210 987654321012 11223344 1122334455 1234554321 1234512345
12341234 123123456 456456 789789 159159 100200 101010 202020 303030 696969696969 420420 4200 69696969 abcabc
abcabcabc ababab aaaaaaaaaaaa qqqqqq qqqqqqqqqqqq zzzzzz 111222 112211 aabbcc aabbccdd asdasd asdasdasd qweqwe
qweqweqwe zxczxc 1a2b3c 1a2b3c4d q1w2e3 q1w2e3r4t5y6 z1x2c3 z1x2c3v4 passpass passpass123 testtest test123
test1234 testing testing123 tester demo demo123 sample example example123 temp temp123 temporary guest123 user
user123 username username123 member member123 newuser new123 newpass newpassword updraft updraft123 airflow
airflow123 apache dagster prefect admin1 admin12 admin1234 administrator1 superuser sysadmin webmaster support
helpdesk service backup manager manager123 operator supervisor control controller monitor123 public shared
common normal simple easy easypass simplepass password0 password00 password01 password11 password99 iloveyou2
ilovemyself ilovegod ilovejesus ilovemom ilovemymom
`
  .split(/\s+/)
  .filter(Boolean);
